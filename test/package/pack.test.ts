/**
 * The package as users get it: `npm pack`, installed into an empty folder with production
 * dependencies only, then run from there. Catches runtime data missing from `files` (the demo
 * cluster, templates, profiles, schemas) and code that only works inside the repository.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/io/package-root.js';

let dir: string;
let bin: string;
const npm = (args: string[], cwd: string): string =>
  execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_loglevel: 'error' },
  });
const kaudit = (args: string[], input?: string) =>
  spawnSync(process.execPath, [bin, ...args], { cwd: dir, input, encoding: 'utf8', timeout: 120_000 });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kaudit-pack-'));
  // --ignore-scripts: the build already ran (npm test builds first); prepare would rebuild for nothing.
  npm(['pack', '--ignore-scripts', '--pack-destination', dir], packageRoot());
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'kaudit-pack-test', private: true }));
  npm(['install', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts', join(dir, tarball)], dir);
  bin = join(dir, 'node_modules', 'kaudit', 'bin', 'kaudit.js');
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the packed package, installed with production dependencies only', () => {
  it('prints its help', () => {
    const run = kaudit(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('kaudit scan');
  });

  it('lists its checks', () => {
    const run = kaudit(['checks']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('rbac-cluster-admin-binding');
  });

  it('scans manifests', () => {
    const manifest =
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: legacy-admin}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\nsubjects: [{kind: ServiceAccount, name: default, namespace: legacy}]\n';
    const run = kaudit(['scan', '--manifests', '-', '--checks', 'rbac-cluster-admin-binding', '--fail-on', 'high'], manifest);
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).controls.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([['5.1.1', 'fail']]);
  });

  it('prints the in-cluster manifests, the node agent included, from the packed files', () => {
    const run = kaudit(['install', '--print', '--with-node-agent', '--cluster-name', 'prod-eu-1']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^kind: DaemonSet$/m);
    expect(run.stdout).toMatch(/^kind: CronJob$/m);
    expect(run.stdout).toContain('value: prod-eu-1');
  });

  it('runs the demo and writes every report format', () => {
    const run = kaudit(['demo', '--output-dir', 'out']);
    expect([run.status, run.stderr.split('\n')[0]]).toEqual([0, expect.stringContaining('demo cluster served at https://127.0.0.1:')]);
    const formats = ['json', 'yaml', 'txt', 'wide.txt', 'html', 'xml', 'sarif', 'csv', 'md', 'prom'];
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(formats.map((ext) => `kaudit-demo.${ext}`).sort());
  });
});

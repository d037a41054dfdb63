/**
 * The installed entry point, as users run it: bin/kaudit.js (the build from `npm install`) in a
 * child process, with real stdin, stdout, stderr and exit codes.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/io/package-root.js';
import { validReport } from '../support/schema.js';

const bin = join(packageRoot(), 'bin', 'kaudit.js');
let dir: string;
let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGTERM');
  child = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const manifests = `apiVersion: v1
kind: Namespace
metadata: {name: legacy}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: legacy-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: default, namespace: legacy}]
`;

describe('bin/kaudit.js', () => {
  it('scans manifests from stdin and gates with --fail-on', () => {
    const run = spawnSync(
      process.execPath,
      [bin, 'scan', '--manifests', '-', '--checks', 'rbac-cluster-admin-binding', '--fail-on', 'high'],
      { input: manifests, encoding: 'utf8' },
    );
    expect(run.status).toBe(1);
    const report = validReport<{ controls: { id: string; status: string; findings: { message: string }[] }[] }>(run.stdout);
    expect(report.controls.map((c) => [c.id, c.status, c.findings.map((f) => f.message)])).toEqual([
      ['5.1.1', 'fail', ['ServiceAccount legacy/default is bound to cluster-admin by ClusterRoleBinding legacy-admin']],
    ]);
    expect(run.stderr).toBe(
      'kaudit: 1 controls (cis-1.12): 1 fail; score 0\nkaudit: --fail-on high: exit 1 because of 1 control: cis-1.12 5.1.1 (high)\n',
    );
  });

  it('exits 2 when stdin holds no Kubernetes object (a failed helm template must not go green)', () => {
    const run = spawnSync(process.execPath, [bin, 'scan', '--manifests', '-', '--fail-on', 'high'], { input: '', encoding: 'utf8' });
    expect([run.status, run.stdout, run.stderr]).toEqual([
      2,
      '',
      'kaudit: manifests -: no Kubernetes object that kaudit audits in the input\n',
    ]);
  });

  it('prints one line and exit 2 on bad input, no stack trace', () => {
    const run = spawnSync(process.execPath, [bin, 'scan', '--kubeconfig', '/nope'], { encoding: 'utf8' });
    expect([run.status, run.stdout, run.stderr]).toEqual([2, '', 'kaudit: kubeconfig /nope: no such file\n']);
  });

  it('serves manifests with `kaudit serve` and scans them through the written kubeconfig', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kaudit-serve-'));
    const file = join(dir, 'in.yaml');
    writeFileSync(file, manifests);
    const kubeconfig = join(dir, 'kc');
    child = spawn(process.execPath, [bin, 'serve', '--manifests', file, '--write-kubeconfig', kubeconfig], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      let err = '';
      child!.stderr!.on('data', (d) => {
        err += d;
        if (err.includes('Ctrl-C stops')) resolve();
      });
      child!.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
    });
    expect(readFileSync(kubeconfig, 'utf8')).toContain('current-context: kaudit-serve');
    const scan = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const p = spawn(process.execPath, [bin, 'scan', '--kubeconfig', kubeconfig, '--checks', 'rbac-cluster-admin-binding']);
      let out = '';
      p.stdout.on('data', (d) => (out += d));
      p.on('exit', (code) => resolve({ code, out }));
    });
    expect(scan.code).toBe(0);
    const report = validReport<{ scan: { source: { type: string; context: string } }; controls: { status: string }[] }>(scan.out);
    expect(report.scan.source).toMatchObject({ type: 'live', context: 'kaudit-serve' });
    expect(report.controls.map((c) => c.status)).toEqual(['fail']);
  });
});

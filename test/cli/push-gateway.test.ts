/**
 * --push-gateway against Debian's real prometheus-pushgateway (started here on a free loopback port):
 * the metrics land grouped by job and cluster, a second push replaces the first, and a gateway that
 * is down is one line with the scan's exit code unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { groupingPath } from '../../src/cli/push-gateway.js';
import { cli } from '../support/live.js';

const BINARY = '/usr/bin/prometheus-pushgateway';
let gateway: ChildProcess | undefined;
let url = '';
let dir: string;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

async function metrics(): Promise<string> {
  const res = await fetch(`${url}/metrics`);
  return res.text();
}

const MANIFEST = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: legacy-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: default, namespace: legacy}]
`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kaudit-push-'));
  writeFileSync(join(dir, 'm.yaml'), MANIFEST);
  if (!existsSync(BINARY)) throw new Error(`${BINARY} is missing: apt-get install prometheus-pushgateway (.ci/run does)`);
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  // Debian's build persists to /var/lib/prometheus/pushgateway.data by default, shared by every gateway on the machine: keep ours apart.
  gateway = spawn(
    BINARY,
    [`--web.listen-address=127.0.0.1:${port}`, '--persistence.interval=0s', `--persistence.file=${join(dir, 'pushgateway.data')}`],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}/-/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the pushgateway did not start');
}, 30_000);

afterAll(async () => {
  // The gateway writes its persistence file as it stops: remove the directory once it has exited.
  if (gateway && gateway.exitCode === null && gateway.signalCode === null) {
    const exited = new Promise((resolve) => gateway?.once('exit', resolve));
    gateway.kill();
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

/** `kaudit scan` of the test manifest with the one check these tests read, plus `extra` flags. */
const scanManifest = (extra: string[]) =>
  cli(['scan', '--manifests', join(dir, 'm.yaml'), '--checks', 'rbac-cluster-admin-binding', ...extra]);

describe('kaudit scan --push-gateway', () => {
  it('groups by job kaudit and the cluster, one path segment whatever the name holds', () => {
    expect(groupingPath(new URL('http://gw:9091/'), 'https://10.0.0.1:6443').pathname).toBe(
      '/metrics/job/kaudit/cluster@base64/aHR0cHM6Ly8xMC4wLjAuMTo2NDQz',
    );
    expect(groupingPath(new URL('http://gw:9091/prefix/'), '').pathname).toBe('/prefix/metrics/job/kaudit/cluster@base64/=');
  });

  it('pushes the score, counts and a status per control; a second scan replaces the first', async () => {
    const run = await scanManifest(['-o', join(dir, 'r.json'), '--push-gateway', url]);
    expect(run.code).toBe(0);
    expect(run.err).toContain(`kaudit: metrics pushed to ${url}/ (job kaudit, cluster manifests)\n`);
    const text = await metrics();
    expect(text).toContain(
      'kaudit_control_status{cluster="manifests",control="5.1.1",instance="",job="kaudit",profile="cis-1.12",severity="high",status="fail"} 1',
    );
    expect(text).toMatch(/^kaudit_compliance_score\{cluster="manifests",instance="",job="kaudit",profile="all"\} 0$/m);
    expect(text).toMatch(/^push_time_seconds\{cluster="manifests",instance="",job="kaudit"\} \d/m);

    writeFileSync(join(dir, 'm.yaml'), MANIFEST.replace('name: default', 'name: ops'));
    const again = await scanManifest(['-o', join(dir, 'r.json'), '--push-gateway', url]);
    expect(again.code).toBe(0);
    const after = await metrics();
    // Other clusters' groups (the tests below) are their own: this cluster's series was replaced.
    expect(after.match(/^kaudit_control_status\{cluster="manifests",[^}]*control="5\.1\.1"[^}]*\} 1$/gm)).toHaveLength(1);
  }, 60_000);

  it('a gateway that is down is one line; the exit code and the report stand', async () => {
    const port = await freePort();
    const run = await scanManifest(['--fail-on', 'high', '-o', join(dir, 'down.json'), '--push-gateway', `http://127.0.0.1:${port}`]);
    expect(run.code).toBe(1);
    expect(run.err).toContain(`kaudit: --push-gateway http://127.0.0.1:${port}/: push failed (ECONNREFUSED); the reports are unaffected\n`);
    expect(existsSync(join(dir, 'down.json'))).toBe(true);
  }, 60_000);

  it('--cluster-name is the grouping key and the cluster label', async () => {
    const run = await scanManifest(['-o', join(dir, 'named.json'), '--push-gateway', url, '--cluster-name', 'prod-eu-1']);
    expect(run.code).toBe(0);
    expect(run.err).toContain(`kaudit: metrics pushed to ${url}/ (job kaudit, cluster prod-eu-1)\n`);
    expect(await metrics()).toMatch(/^kaudit_compliance_score\{cluster="prod-eu-1",instance="",job="kaudit",profile="all"\} 0$/m);
  }, 60_000);

  it('a fleet scan pushes each cluster under its own grouping key', async () => {
    const { startApiServer } = await import('../../src/apiserver/index.js');
    const { legacyClusterInventory } = await import('../support/legacy-cluster.js');
    const { parse, stringify } = await import('yaml');
    const servers = [
      await startApiServer({ inventory: legacyClusterInventory() }),
      await startApiServer({ inventory: legacyClusterInventory() }),
    ];
    try {
      const merged = {
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [] as unknown[],
        users: [] as unknown[],
        contexts: [] as unknown[],
        'current-context': 'fleet-a',
      };
      for (const [i, name] of ['fleet-a', 'fleet-b/eu'].entries()) {
        const one = parse(servers[i]?.kubeconfig({ contextName: name, clusterName: `c${i}`, userName: `u${i}` }) ?? '') as typeof merged;
        merged.clusters.push(...one.clusters);
        merged.users.push(...one.users);
        merged.contexts.push(...one.contexts);
      }
      writeFileSync(join(dir, 'fleet-kubeconfig'), stringify(merged));
      const run = await cli([
        'scan',
        '--kubeconfig',
        join(dir, 'fleet-kubeconfig'),
        '--all-contexts',
        '-b',
        'cis-1.12',
        '--output-dir',
        join(dir, 'fleet'),
        '-f',
        'json',
        '--push-gateway',
        url,
      ]);
      expect(run.code).toBe(0);
      expect(run.err).toContain(`kaudit: [fleet-a] metrics pushed to ${url}/ (job kaudit, cluster fleet-a)\n`);
      expect(run.err).toContain(`kaudit: [fleet-b/eu] metrics pushed to ${url}/ (job kaudit, cluster fleet-b/eu)\n`);
      const text = await metrics();
      for (const cluster of ['fleet-a', 'fleet-b/eu']) {
        expect(text).toMatch(new RegExp(`^push_time_seconds\\{cluster="${cluster}",instance="",job="kaudit"\\} \\d`, 'm'));
        expect(text).toContain(
          `kaudit_control_status{cluster="${cluster}",control="5.1.1",instance="",job="kaudit",profile="cis-1.12",severity="high",status="fail"} 1`,
        );
      }
    } finally {
      for (const s of servers) await s.close();
    }
  }, 60_000);

  it.each([
    ['ftp://gw', 'needs http:// or https://'],
    ['not a url', 'not a URL'],
    ['http://u:p@gw:9091', 'credentials in the URL are not sent'],
  ])('refuses %j before scanning (exit 2)', async (value, message) => {
    const run = await cli(['scan', '--manifests', join(dir, 'm.yaml'), '--push-gateway', value]);
    expect(run.code).toBe(2);
    expect(run.err).toContain(message);
    expect(run.out).toBe('');
  });
});

describe('deploy/grafana/kaudit-dashboard.json', () => {
  it('charts only series that the prometheus format writes', async () => {
    const { readFileSync } = await import('node:fs');
    const { packageRoot } = await import('../../src/io/package-root.js');
    const dashboard = JSON.parse(readFileSync(join(packageRoot(), 'deploy', 'grafana', 'kaudit-dashboard.json'), 'utf8')) as {
      panels: { targets: { expr: string }[] }[];
      templating: { list: { query: string }[] };
    };
    const exprs = [...dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr)), ...dashboard.templating.list.map((t) => t.query)];
    const used = new Set(exprs.flatMap((e) => e.match(/kaudit_[a-z_]+/g) ?? []));
    const run = await cli(['scan', '--manifests', join(dir, 'm.yaml'), '--checks', 'rbac-cluster-admin-binding', '-f', 'prometheus']);
    const written = new Set(run.out.match(/^kaudit_[a-z_]+/gm));
    expect([...used].sort()).toEqual([
      'kaudit_compliance_score',
      'kaudit_control_status',
      'kaudit_controls',
      'kaudit_findings',
      'kaudit_scan_timestamp_seconds',
    ]);
    expect([...used].filter((m) => !written.has(m))).toEqual([]);
  });
});

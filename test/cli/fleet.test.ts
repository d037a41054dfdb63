import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { startApiServer, type ApiServer } from '../../src/apiserver/index.js';
import type { Inventory } from '../../src/core/inventory.js';
import { legacyClusterInventory } from '../support/legacy-cluster.js';
import { cli } from '../support/live.js';
import { validReport } from '../support/schema.js';

const inventory = legacyClusterInventory;

/** The same cluster with the binding gone: 5.1.1 passes. */
function clean(): Inventory {
  const inv = inventory();
  inv.clusterRoleBindings = [];
  return inv;
}

let dir: string;
let kubeconfig: string;
let servers: ApiServer[];
let devPort: number;

/** One kubeconfig with four contexts: prod and qa answer, staging cannot list service accounts, dev is down. */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kaudit-fleet-'));
  const prod = await startApiServer({ inventory: inventory() });
  const qa = await startApiServer({ inventory: clean() });
  const staging = await startApiServer({ inventory: inventory(), forbidden: [{ resource: 'serviceaccounts' }] });
  const dev = await startApiServer({ inventory: inventory() });
  servers = [prod, qa, staging];
  const merged = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [] as unknown[],
    users: [] as unknown[],
    contexts: [] as unknown[],
    'current-context': 'prod',
  };
  for (const [name, server] of [
    ['prod', prod],
    ['qa', qa],
    ['staging', staging],
    ['dev', dev],
  ] as const) {
    const one = parse(server.kubeconfig({ contextName: name, clusterName: name, userName: name })) as typeof merged;
    merged.clusters.push(...one.clusters);
    merged.users.push(...one.users);
    merged.contexts.push(...one.contexts);
  }
  devPort = dev.port;
  await dev.close();
  kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, stringify(merged));
});

afterAll(async () => {
  for (const s of servers) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

const fleetArgs = (out: string) => ['scan', '--kubeconfig', kubeconfig, '-b', 'cis-1.12', '--output-dir', out, '--request-timeout', '5'];

describe('kaudit scan over several clusters', () => {
  it('scans every context, writes a report per cluster and the summary, and exits 3 for the unreachable one', async () => {
    const out = join(dir, 'all');
    const run = await cli([...fleetArgs(out), '--all-contexts', '-f', 'json']);
    expect(run.code).toBe(3);
    const fleet = JSON.parse(run.out);
    expect(fleet.counts).toEqual({ clusters: 4, complete: 2, partial: 1, unreachable: 1 });
    // Worst score first, the unreachable cluster last.
    expect(fleet.clusters.map((c: { cluster: string; state: string }) => [c.cluster, c.state])).toEqual([
      ['prod', 'complete'],
      ['staging', 'partial'],
      ['qa', 'complete'],
      ['dev', 'unreachable'],
    ]);
    const dev = fleet.clusters[3];
    expect(dev).toMatchObject({
      exitCode: 3,
      score: null,
      reason: `cannot reach the API server: connection refused (connect ECONNREFUSED 127.0.0.1:${devPort})`,
    });
    expect(fleet.clusters[1].reason).toBe(
      '1 read failed (first: ServiceAccount in legacy: Forbidden: serviceaccounts is forbidden: User "kaudit" cannot list resource "serviceaccounts" in API group "" in the namespace "legacy")',
    );
    const c511 = fleet.failingControls.find((f: { id: string }) => f.id === '5.1.1');
    expect(c511).toEqual({ profile: 'cis-1.12', id: '5.1.1', title: expect.any(String), severity: 'high', clusters: ['prod', 'staging'] });
    // One report per reachable cluster (a timestamped file and its latest copy), valid against the schema.
    for (const name of ['prod', 'qa', 'staging']) {
      const files = readdirSync(join(out, name)).sort();
      expect(files).toEqual([expect.stringMatching(/^kaudit-\d{8}T\d{6}Z\.json$/), 'kaudit-latest.json']);
      expect(validReport(readFileSync(join(out, name, 'kaudit-latest.json'), 'utf8')).scan.source.context).toBe(name);
    }
    expect(existsSync(join(out, 'dev'))).toBe(false);
    expect(JSON.parse(readFileSync(join(out, 'fleet.json'), 'utf8'))).toEqual(fleet);
    const html = readFileSync(join(out, 'fleet.html'), 'utf8');
    expect(html).toContain('<td>dev</td><td class="unreachable">unreachable</td>');
    expect(html).not.toMatch(/<script|<link|src=/);
    // Each cluster's lines are prefixed with its context; the last line sums up.
    expect(run.err).toContain(
      `kaudit: [dev] cannot reach the API server: connection refused (connect ECONNREFUSED 127.0.0.1:${devPort})\n`,
    );
    expect(run.err).toMatch(/kaudit: \[prod\] \d+ controls \(cis-1\.12\): .*; report written to .*prod\/kaudit-\d{8}T\d{6}Z\.json\n/);
    expect(run.err.trimEnd().split('\n').at(-1)).toBe(
      `kaudit: fleet: 4 clusters, 2 complete, 1 partly read, 1 unreachable; summary written to ${join(out, 'fleet.json')} and .html`,
    );

    // report fleet over the saved reports gives the same summary, without the unreachable cluster.
    const again = await cli(['report', 'fleet', out, '-f', 'json']);
    expect(again.code).toBe(0);
    const saved = JSON.parse(again.out);
    expect(saved.counts).toEqual({ clusters: 3, complete: 2, partial: 1, unreachable: 0 });
    expect(saved.clusters.map((c: { cluster: string }) => c.cluster)).toEqual(['prod', 'staging', 'qa']);
    expect(saved.failingControls).toEqual(fleet.failingControls);
  });

  it('--allow-unreachable keeps the exit code of the clusters that answered; --fail-on aggregates', async () => {
    const out = join(dir, 'allow');
    const run = await cli([...fleetArgs(out), '--context', 'qa', '--context', 'dev', '--allow-unreachable', '-f', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out).counts).toEqual({ clusters: 2, complete: 1, partial: 0, unreachable: 1 });
    const gate = await cli([...fleetArgs(join(dir, 'gate')), '--context', 'qa', '--context', 'prod', '--fail-on', 'high', '-f', 'json']);
    expect(gate.code).toBe(1);
  });

  it('prints the table by default on a terminal', async () => {
    const run = await cli([...fleetArgs(join(dir, 'tty')), '--context', 'prod', '--context', 'qa'], { isTTY: true });
    expect(run.code).toBe(0);
    const lines = run.out.split('\n');
    expect(lines[0]).toBe('kaudit fleet: 2 clusters, 2 complete, 0 partly read, 0 unreachable');
    expect(lines.find((l) => l.includes(' prod '))).toMatch(/│ prod +│ complete │ [\d.]+ +│ [\d.]+ +│ \d+ +│ \d+ +│/);
    expect(run.out).toMatch(/│ cis-1\.12 5\.1\.1 +│ high +│ .* │ 1: prod +│/);
  });

  it('contexts whose names clean to one folder name (team/qa, team:qa) get folders of their own', async () => {
    const config = parse(readFileSync(kubeconfig, 'utf8')) as { contexts: { name: string; context: unknown }[]; 'current-context': string };
    const qa = config.contexts.find((c) => c.name === 'qa');
    config.contexts = ['team/qa', 'team:qa', 'team_qa'].map((name) => ({ name, context: qa?.context }));
    config['current-context'] = 'team_qa';
    const colliding = join(dir, 'colliding-kubeconfig');
    writeFileSync(colliding, stringify(config));
    const out = join(dir, 'colliding');
    const run = await cli(['scan', '--kubeconfig', colliding, '-b', 'cis-1.12', '--output-dir', out, '--all-contexts', '-f', 'json']);
    expect(run.code).toBe(0);
    const folders = readdirSync(out)
      .filter((f) => !f.startsWith('fleet.'))
      .sort();
    // A name that cleaning changed carries 8 hex digits of its hash; a clean name stays as it is.
    expect(folders).toEqual(['team_qa', expect.stringMatching(/^team_qa-[0-9a-f]{8}$/), expect.stringMatching(/^team_qa-[0-9a-f]{8}$/)]);
    expect(new Set(folders).size).toBe(3);
    const contexts = folders.map((f) => validReport(readFileSync(join(out, f, 'kaudit-latest.json'), 'utf8')).scan.source.context).sort();
    expect(contexts).toEqual(['team/qa', 'team:qa', 'team_qa']);
    expect((await cli(['report', 'fleet', out, '-f', 'json'])).out).toContain('"clusters": 3');
  });

  it('--cluster-name names one cluster: refused with several contexts', async () => {
    const message =
      'kaudit: --cluster-name (or KAUDIT_CLUSTER_NAME) names one cluster: with several contexts each cluster is named by its context\n';
    expect(await cli([...fleetArgs(join(dir, 'named')), '--context', 'prod', '--context', 'qa', '--cluster-name', 'prod'])).toEqual({
      code: 2,
      out: '',
      err: message,
    });
    expect(await cli([...fleetArgs(join(dir, 'named')), '--all-contexts'], { env: { KAUDIT_CLUSTER_NAME: 'prod' } })).toEqual({
      code: 2,
      out: '',
      err: message,
    });
    expect(existsSync(join(dir, 'named'))).toBe(false);
  });

  it('bad usage is one line and exit 2', async () => {
    expect(await cli(['scan', '--kubeconfig', kubeconfig, '--context', 'prod', '--context', 'qa'])).toEqual({
      code: 2,
      out: '',
      err: 'kaudit: several clusters need --output-dir DIR: one report per cluster is written there\n',
    });
    expect(await cli([...fleetArgs(join(dir, 'x')), '--all-contexts', '--context', 'qa'])).toEqual({
      code: 2,
      out: '',
      err: 'kaudit: --all-contexts and --context cannot be combined\n',
    });
    // A bad flag fails every cluster alike: one usage error, not a fleet of failures.
    const bad = await cli([...fleetArgs(join(dir, 'y')), '--context', 'prod', '--context', 'qa', '--checks', 'no-such-check']);
    expect(bad.code).toBe(2);
    expect(bad.out).toBe('');
    expect(bad.err.trimEnd().split('\n').at(-1)).toMatch(/^kaudit: --checks: unknown check id "no-such-check"/);
    expect(await cli(['report', 'fleet', join(dir, 'nothing-here')])).toEqual({
      code: 2,
      out: '',
      err: `kaudit: report fleet ${join(dir, 'nothing-here')}: no such file\n`,
    });
  });
});

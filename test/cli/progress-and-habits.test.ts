/**
 * Progress lines on a terminal stderr only (and not with --quiet), kubectl habits (-A, -n a,b,
 * `kaudit version`, -o json on the listing commands), and help wrapped to the terminal.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { join } from 'node:path';
import { emptyInventory, type Inventory } from '../../src/core/inventory.js';
import { terminalProgress } from '../../src/cli/progress.js';
import { loadProfiles } from '../../src/profiles/load.js';
import { cli, live, type Live } from '../support/live.js';
import { validReport } from '../support/schema.js';

function inventory(): Inventory {
  const inv = emptyInventory({ type: 'snapshot', collectedAt: '2026-11-24T00:00:00Z' });
  inv.version = { major: '1', minor: '33', gitVersion: 'v1.33.4' };
  for (const name of ['a', 'b', 'c']) inv.namespaces.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  for (let i = 0; i < 30; i++)
    inv.pods.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `p${i}`, namespace: ['a', 'b', 'c'][i % 3] },
      spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
    });
  return inv;
}

let env: Live | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const ERASE = '\r\x1b[2K';

describe('progress', () => {
  it('on a terminal stderr: what is read, evaluating, then erased before the summary line', async () => {
    env = await live({ inventory: inventory() });
    const run = await cli(['scan', '--kubeconfig', env.kubeconfig, '-b', 'pss-baseline', '-o', 'json'], { errIsTTY: true, columns: 100 });
    expect(run.code).toBe(0);
    const updates = run.err.split(ERASE).filter(Boolean);
    expect(updates[0]).toBe('kaudit: reading the cluster: 1 page; Namespace 3');
    expect(updates).toContainEqual(expect.stringMatching(/^kaudit: reading the cluster: \d+ pages; Pod 30, Namespace 3/));
    expect(updates).toContainEqual(expect.stringMatching(/^kaudit: evaluating \d+ checks$/));
    // The summary line follows an erased line: nothing of the progress is left on screen.
    expect(updates.at(-1)).toMatch(/^kaudit: \d+ controls \(pss-baseline\): .*\n$/);
    expect(validReport(run.out).profiles).toEqual(['pss-baseline']);
  });

  it('none on a non-terminal stderr, nor with --quiet: only the summary line', async () => {
    env = await live({ inventory: inventory() });
    for (const [extra, errIsTTY] of [
      [[], false],
      [['--quiet'], true],
    ] as const) {
      const run = await cli(['scan', '--kubeconfig', env.kubeconfig, '-b', 'pss-baseline', '-o', 'json', ...extra], { errIsTTY });
      expect(run.err).toMatch(/^kaudit: \d+ controls \(pss-baseline\): [^\n]*\n$/);
    }
  });

  it('kaudit snapshot shows what it reads and writes, on a terminal stderr', async () => {
    env = await live({ inventory: inventory() });
    const file = join(env.dir, 'snap.json');
    const run = await cli(['snapshot', '--kubeconfig', env.kubeconfig, '-o', file], { errIsTTY: true });
    expect(run.code).toBe(0);
    const updates = run.err.split(ERASE).filter(Boolean);
    expect(updates).toContainEqual(expect.stringMatching(/^kaudit: reading the cluster: \d+ pages; Pod 30, /));
    expect(updates).toContainEqual(`kaudit: writing ${file}`);
    expect(updates.at(-1)).toMatch(/^kaudit: snapshot of \d+ entries written to /);
  });

  it('rewrites one line at most every 100 ms, unless forced, fitted to the width', () => {
    let now = 0;
    let text = '';
    const p = terminalProgress(
      (s) => (text += s),
      30,
      () => now,
    );
    p.update('reading the cluster: 1 pages');
    now = 50;
    p.update('reading the cluster: 2 pages');
    p.update('evaluating 12 checks', true);
    now = 200;
    p.update('a line much longer than the thirty columns of this terminal');
    p.done();
    // At most columns - 1 wide: a line that reaches the last column would wrap on some terminals.
    expect(text.split(ERASE)).toEqual([
      '',
      'kaudit: reading the cluster: ',
      'kaudit: evaluating 12 checks',
      'kaudit: a line much longer th',
      '',
    ]);
  });
});

describe('kubectl habits', () => {
  it('-A is accepted (the default scope); -n a,b splits like --checks', async () => {
    env = await live({ inventory: inventory() });
    const all = validReport((await cli(['scan', '--kubeconfig', env.kubeconfig, '-b', 'pss-baseline', '-A'])).out);
    expect(all.scan.source.namespaces).toBeUndefined();
    const two = validReport((await cli(['scan', '--kubeconfig', env.kubeconfig, '-b', 'pss-baseline', '-n', 'a,b'])).out);
    expect(two.scan.source.namespaces).toEqual(['a', 'b']);
    const both = await cli(['scan', '--kubeconfig', env.kubeconfig, '-A', '-n', 'a']);
    expect([both.code, both.err]).toEqual([2, 'kaudit: -A/--all-namespaces and -n/--namespace cannot be combined\n']);
  });

  it('`kaudit version`, and -o json on version, checks and benchmarks', async () => {
    expect((await cli(['version'])).out).toMatch(/^kaudit 0\.1\.0 \(JSON report version 1\) on Node\.js \d+\.\d+\.\d+ linux\/\w+\n$/);
    expect(JSON.parse((await cli(['version', '-o', 'json'])).out)).toEqual({
      kaudit: '0.1.0',
      reportVersion: 1,
      node: process.version,
      platform: `${process.platform}/${process.arch}`,
    });
    const checks = JSON.parse((await cli(['checks', '-o', 'json'])).out);
    expect(checks.find((c: { id: string }) => c.id === 'rbac-cluster-admin-binding')).toEqual({
      id: 'rbac-cluster-admin-binding',
      severity: 'high',
      title: expect.any(String),
      controls: ['cis-1.12 5.1.1'],
      requires: ['clusterRoleBindings', 'roleBindings'],
    });
    const explained = JSON.parse((await cli(['checks', 'explain', 'rbac-cluster-admin-binding', '-o', 'json'])).out);
    expect(explained.remediation).toMatch(/^Bind a narrower ClusterRole/);
    const benchmarks = JSON.parse((await cli(['benchmarks', '-o', 'json'])).out);
    expect(benchmarks.map((b: { id: string }) => b.id)).toEqual(loadProfiles().map((p) => p.id));
    expect((await cli(['checks', '-o', 'yaml'])).code).toBe(2);
  });

  it('help wraps to the terminal and keeps each example on its line', async () => {
    for (const columns of [80, 120]) {
      // yargs prints help with console.log.
      const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
      await cli(['scan', '--help'], { columns });
      const help = log.mock.calls.map((c) => String(c[0])).join('\n');
      log.mockRestore();
      expect(Math.max(...help.split('\n').map((l) => l.length))).toBeLessThanOrEqual(columns);
      expect(help).toContain(
        '\n  # several formats under one timestamped name\n  kaudit scan -f json -f sarif -f junit --output-dir out/\n',
      );
      expect(help).toContain('\n  helm template ./chart | kaudit scan --manifests - -b pss-restricted\n');
    }
  });
});

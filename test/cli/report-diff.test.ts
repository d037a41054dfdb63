/**
 * `kaudit report diff OLD NEW` on two variants of the demo cluster: NEW drops the default
 * namespace's workloads (debug-shell) and adds a cluster-admin binding for shop's default service
 * account. The new and fixed findings are listed exactly; --fail-on-new gates on them.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReportDiff } from '../../reports/diff.js';
import { cli } from '../support/live.js';

const demo = join(process.cwd(), 'src', 'demo', 'cluster');
const dir = mkdtempSync(join(tmpdir(), 'kaudit-diff-'));
const oldJson = join(dir, 'old.json');
const newJson = join(dir, 'new.json');
const CHECKS = ['--checks', 'rbac-cluster-admin-binding,namespace-default-used,pod-host-pid'];

beforeAll(async () => {
  const variant = join(dir, 'variant');
  cpSync(demo, variant, { recursive: true });
  rmSync(join(variant, '40-workloads-default.yaml'));
  writeFileSync(
    join(variant, '80-new-admin.yaml'),
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: shop-admin}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\nsubjects: [{kind: ServiceAccount, name: default, namespace: shop}]\n',
  );
  expect((await cli(['scan', '--manifests', demo, '-b', 'cis-1.12', ...CHECKS, '-o', oldJson])).code).toBe(0);
  expect((await cli(['scan', '--manifests', variant, '-b', 'cis-1.12', ...CHECKS, '-o', newJson])).code).toBe(0);
});

describe('kaudit report diff', () => {
  it('lists new and fixed findings, status changes and the score change (JSON)', async () => {
    const run = await cli(['report', 'diff', oldJson, newJson, '-f', 'json']);
    expect(run.code).toBe(0);
    const d: ReportDiff = JSON.parse(run.out);
    expect(d.newFindings.map((f) => `${f.control} ${f.resource}`)).toEqual(['cis-1.12 5.1.1 ClusterRoleBinding shop-admin']);
    expect(d.fixedFindings.map((f) => `${f.control} ${f.resource}`)).toEqual(['cis-1.12 5.6.4 Pod default/debug-shell']);
    expect(d.statusChanges).toEqual([
      { control: 'cis-1.12 5.6.4', title: 'Default namespace not used', severity: 'low', from: 'fail', to: 'pass' },
    ]);
    expect(d.stillFailing).toBe(3);
    expect(d.scoreChange).toBeCloseTo(d.new.score! - d.old.score!, 1);
    expect(run.err).toBe(`kaudit: 1 new, 1 fixed, 3 still failing; score change ${d.scoreChange}\n`);
  });

  it('as a table, Markdown and HTML', async () => {
    const table = await cli(['report', 'diff', oldJson, newJson], { isTTY: true });
    expect(table.out.split('\n').slice(1)).toEqual([
      expect.stringMatching(/^Score [\d.]+ → [\d.]+ \([+-][\d.]+\); 1 new, 1 fixed, 3 still failing findings; 1 control changed status$/),
      '',
      'Status changes (1)',
      '  cis-1.12 5.6.4       fail → pass                  low      Default namespace not used',
      '',
      'New findings (1)',
      '  high cis-1.12 5.1.1 ClusterRoleBinding shop-admin: ServiceAccount shop/default is bound to cluster-admin by ClusterRoleBinding shop-admin (/subjects/0)',
      '',
      'Fixed findings (1)',
      '  low cis-1.12 5.6.4 Pod default/debug-shell: Pod debug-shell is in the default namespace (/metadata/namespace)',
      '',
    ]);
    const md = (await cli(['report', 'diff', oldJson, newJson, '-o', 'markdown'])).out;
    expect(md).toContain(
      '### New findings (1)\n\n- **high** cis-1.12 5.1.1 ClusterRoleBinding shop-admin: ServiceAccount shop/default is bound to cluster-admin by ClusterRoleBinding shop-admin\n',
    );
    const htmlFile = join(dir, 'diff.html');
    const html = await cli(['report', 'diff', oldJson, newJson, '-o', htmlFile]);
    expect(html.err).toMatch(/; diff written to .*diff\.html\n$/);
    expect(readFileSync(htmlFile, 'utf8')).toContain('<h2 class="fixed">Fixed findings (1)</h2>');
  });

  it('--fail-on-new exits 1 for a new failure at or above the severity, 0 below it', async () => {
    const high = await cli(['report', 'diff', oldJson, newJson, '-f', 'json', '--fail-on-new', 'high']);
    expect(high.code).toBe(1);
    expect(high.err.split('\n')[1]).toBe('kaudit: --fail-on-new high: exit 1 because of 1 new failure at or above high');
    expect((await cli(['report', 'diff', oldJson, newJson, '-f', 'json', '--fail-on-new', 'critical'])).code).toBe(0);
    // Nothing new the other way round: the fixed finding is the only change at low.
    expect((await cli(['report', 'diff', newJson, oldJson, '-f', 'json', '--fail-on-new', 'low'])).code).toBe(1);
    expect((await cli(['report', 'diff', oldJson, oldJson, '-f', 'json', '--fail-on-new', 'info'])).code).toBe(0);
  });

  it('bad usage is one line and exit 2', async () => {
    expect(await cli(['report', 'diff', oldJson])).toMatchObject({ code: 2 });
    const run = await cli(['report', 'diff', oldJson, newJson, '-f', 'sarif']);
    expect([run.code, run.err]).toEqual([2, 'kaudit: report diff: format sarif is not available (one of table, json, markdown, html)\n']);
  });
});

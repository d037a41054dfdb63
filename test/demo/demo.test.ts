/**
 * `kaudit demo` end to end: the bundled cluster served by the loopback API server, scanned through
 * the real client, reports written. Expected results follow src/demo/cluster/README.md.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ControlResult, ScanResult } from '../../src/core/result.js';
import { cli, type CliRun } from '../support/live.js';
import { validReport } from '../support/schema.js';

let dir: string;
let run: CliRun;
let report: ScanResult;
const control = (profile: string, id: string): ControlResult => {
  const c = report.controls.find((x) => x.profile === profile && x.id === id);
  if (!c) throw new Error(`no control ${profile} ${id}`);
  return c;
};
const cis = (id: string) => control('cis-1.12', id);
const failing = (c: ControlResult) => c.findings.filter((f) => f.status === 'fail').map((f) => `${f.resource.kind}/${f.resource.namespace ? `${f.resource.namespace}/` : ''}${f.resource.name}`);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kaudit-demo-'));
  run = await cli(['demo', '--output-dir', dir]);
  report = validReport(readFileSync(join(dir, 'kaudit-demo.json'), 'utf8'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kaudit demo', () => {
  it('scans the demo cluster through the real client and writes every report format', () => {
    expect(run.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['kaudit-demo.json', 'kaudit-demo.txt']);
    expect(run.out).toBe(`Reports written:\n  ${join(dir, 'kaudit-demo.json')}\n  ${join(dir, 'kaudit-demo.txt')}\n`);
    expect(report.scan.source).toMatchObject({ type: 'live', context: 'kaudit-demo', kubernetesVersion: 'v1.33.4', platform: 'kubeadm' });
    expect(report.coverage).toEqual([]);
  });

  it('finds cluster-admin bound to legacy/default (5.1.1)', () => {
    expect(cis('5.1.1').status).toBe('fail');
    expect(failing(cis('5.1.1'))).toEqual(['ClusterRoleBinding/legacy-default-admin']);
  });

  it('finds the namespaces without NetworkPolicies (5.3.2)', () => {
    expect(failing(cis('5.3.2'))).toEqual(['Namespace/ci', 'Namespace/default', 'Namespace/legacy', 'Namespace/monitoring']);
  });

  it('never passes a control that needs the node host', () => {
    for (const id of ['1.1.1', '1.1.12', '1.2.28', '4.1.1', '4.1.9']) expect(cis(id).status).not.toBe('pass');
    for (const id of ['1.1.1', '4.1.1']) expect(cis(id).status).toBe('not-assessed');
  });

  it('never writes a secret value', () => {
    const all = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    for (const value of ['ZmFrZQ==', 'changeme-not-real', 'abcdef.0123456789abcdef', '0123456789abcdef']) expect(all).not.toContain(value);
  });
});

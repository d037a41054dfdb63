/**
 * Scope honesty: with -n or --exclude-namespace, controls whose data lives in namespaces left out
 * (the control plane's static pods and kube-proxy in kube-system, a CNI agent anywhere) are
 * not-assessed "outside the scanned namespaces", never judged on the part in scope or given a wrong
 * reason ("kube-proxy is replaced by the CNI"). Through the loopback API server and the real client.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ControlResult, ScanResult } from '../../src/core/result.js';
import { demoInventory } from '../../src/demo/inventory.js';
import { cli, live, type Live } from '../support/live.js';
import { validReport } from '../support/schema.js';

let env: Live;
beforeAll(async () => {
  env = await live({ inventory: demoInventory() });
});
afterAll(() => env.close());

const scan = async (...args: string[]): Promise<{ report: ScanResult; err: string }> => {
  const run = await cli([
    'scan',
    '--kubeconfig',
    env.kubeconfig,
    '-b',
    'cis-1.12',
    '-b',
    'kaudit-hardening',
    '-f',
    'json',
    '--debug',
    ...args,
  ]);
  expect(run.code).toBe(0);
  return { report: validReport(run.out), err: run.err };
};
const control = (report: ScanResult, profile: string, id: string): ControlResult => {
  const c = report.controls.find((x) => x.profile === profile && x.id === id);
  if (!c) throw new Error(`no control ${profile} ${id}`);
  return c;
};
const statusOf = (report: ScanResult, id: string, profile = 'cis-1.12'): string => {
  const c = control(report, profile, id);
  return `${c.status}: ${c.reason ?? ''}`;
};

describe('scan with -n: controls whose data is outside the scanned namespaces', () => {
  it('-n payments: kube-proxy, the control plane and the CNI are out of scope, and kube-system is not read', async () => {
    const { report, err } = await scan('-n', 'payments');
    const kubeSystem = 'not-assessed: outside the scanned namespaces (-n payments): its data lives in kube-system';
    expect(statusOf(report, '4.3.1')).toBe(kubeSystem);
    expect(statusOf(report, '1.2.1')).toBe(kubeSystem);
    expect(statusOf(report, '2.5')).toBe(kubeSystem);
    expect(statusOf(report, '5.3.1')).toBe(
      'not-assessed: outside the scanned namespaces (-n payments): this check looks for its objects in every namespace',
    );
    expect(statusOf(report, 'KH-7.1', 'kaudit-hardening')).toBe(
      'not-assessed: outside the scanned namespaces (-n payments): this check looks for its objects in every namespace',
    );
    // Never the reason of an unread or absent object.
    expect(JSON.stringify(report.controls.map((c) => c.reason))).not.toMatch(/replaced by the CNI|could not be read|not collected/);
    expect(report.coverage).toEqual([]);
    // The scope is the user's word: nothing outside payments was listed.
    expect(err).not.toMatch(/\/namespaces\/kube-system\//);
    expect(err).toMatch(/GET \/api\/v1\/namespaces\/payments\/pods\?limit=500 200/);
    // What lives in payments is judged as usual.
    expect(control(report, 'cis-1.12', '5.2.8').status).toBe('fail');
  });

  it('-n kube-system,payments holds their data: they are judged', async () => {
    const { report } = await scan('-n', 'kube-system,payments');
    expect(control(report, 'cis-1.12', '4.3.1')).toMatchObject({
      status: 'fail',
      findings: [{ resource: { kind: 'ConfigMap', namespace: 'kube-system', name: 'kube-proxy' } }],
    });
    expect(control(report, 'cis-1.12', '1.2.1')).toMatchObject({
      status: 'fail',
      findings: [{ resource: { kind: 'Pod', namespace: 'kube-system', name: 'kube-apiserver-cp-1' } }],
    });
    // The CNI agent may be in any namespace: still out of scope.
    expect(statusOf(report, '5.3.1')).toBe(
      'not-assessed: outside the scanned namespaces (-n kube-system,payments): this check looks for its objects in every namespace',
    );
  });

  it('--exclude-namespace kube-system leaves the control plane out too', async () => {
    const { report, err } = await scan('--exclude-namespace', 'kube-system');
    expect(statusOf(report, '1.2.1')).toBe(
      'not-assessed: outside the scanned namespaces (--exclude-namespace kube-system): its data lives in kube-system',
    );
    expect(statusOf(report, '4.3.1')).toBe(
      'not-assessed: outside the scanned namespaces (--exclude-namespace kube-system): its data lives in kube-system',
    );
    expect(err).not.toMatch(/\/namespaces\/kube-system\/pods/);
  });

  it('the same offline: manifests with -n payments', async () => {
    const run = await cli(['scan', '--manifests', 'src/demo/cluster', '-n', 'payments', '-f', 'json']);
    expect(run.code).toBe(0);
    const report = validReport(run.out);
    expect(statusOf(report, '4.3.1')).toBe('not-assessed: outside the scanned namespaces (-n payments): its data lives in kube-system');
    expect(statusOf(report, '1.2.1')).toBe('not-assessed: outside the scanned namespaces (-n payments): its data lives in kube-system');
  });
});

/**
 * A passing network control says what kaudit did not evaluate: with an AdminNetworkPolicy in the
 * input (served, never evaluated, applied before NetworkPolicies), the isolation controls pass with
 * that caveat as their reason, in every report that shows a control's reason; without it they pass
 * plainly. Offline, through the CLI.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { junitChunks } from '../../reports/junit.js';
import { markdownChunks } from '../../reports/markdown.js';
import { terminalChunks } from '../../reports/terminal.js';
import type { ControlResult, ScanResult } from '../../src/core/result.js';
import { unevaluatedCaveat } from '../../src/core/unevaluated-netpol.js';
import { packageRoot } from '../../src/io/package-root.js';
import { cli } from '../support/live.js';
import { validReport } from '../support/schema.js';

const FIXTURES = join(packageRoot(), 'test', 'fixtures', 'netpol-model');
const DENY = join(FIXTURES, 'default-deny.yaml');
const ADMIN = join(FIXTURES, 'admin-allow.yaml');

const CAVEAT =
  'passes on NetworkPolicies and Cilium/Calico policies only: AdminNetworkPolicy (policy.networking.k8s.io) is served but not evaluated by kaudit, and may admit traffic those policies deny (AdminNetworkPolicy and Antrea rules are applied before them)';

const PROFILES = ['-b', 'kaudit-network', '-b', 'kaudit-hardening'];

async function scan(manifests: string[], format: string): Promise<string> {
  const run = await cli(['scan', ...manifests.flatMap((m) => ['--manifests', m]), ...PROFILES, '-f', format]);
  expect([run.code, run.err]).toEqual([
    0,
    expect.stringMatching(/^kaudit: 35 controls \(kaudit-network, kaudit-hardening\): 20 pass, 7 fail/),
  ]);
  return run.out;
}

/** The controls of network checks: profile, id, status and reason. */
const network = (r: ScanResult): [string, string, string, string | undefined][] =>
  r.controls.filter((c) => c.checks.some((id) => id.startsWith('netpol-'))).map((c) => [c.profile, c.id, c.status, c.reason]);

/**
 * Every network control passing, with `reason` on those whose checks an unevaluated kind could
 * overturn: not netpol-dangling's KN-1.5 (whether NetworkPolicies select pods: no other kind changes that).
 */
const passing = (reason: string | undefined): [string, string, string, string | undefined][] => [
  ['kaudit-network', 'KN-1.1', 'pass', reason],
  ['kaudit-network', 'KN-1.2', 'pass', reason],
  ['kaudit-network', 'KN-1.3', 'pass', reason],
  ['kaudit-network', 'KN-1.4', 'pass', reason],
  ['kaudit-network', 'KN-1.5', 'pass', undefined],
  ['kaudit-hardening', 'KH-7.2', 'pass', reason],
];

describe('a passing network control with an AdminNetworkPolicy served', () => {
  let report: ScanResult;
  beforeAll(async () => {
    report = validReport<ScanResult>(await scan([DENY, ADMIN], 'json'));
  });

  it('passes with the caveat as its reason (JSON report); the policy check it cannot overturn passes plainly', () => {
    expect(network(report)).toEqual(passing(CAVEAT));
  });

  it('shows it in the HTML controls table', async () => {
    const html = await scan([DENY, ADMIN], 'html');
    const row = html.slice(html.indexOf('<span class="cid">KN-1.1</span>'));
    expect(row.slice(0, row.indexOf('</tr>'))).toContain(`<p class="note"><b>Reason:</b> ${CAVEAT}</p>`);
  });

  it('lists it in the terminal summary, markdown and JUnit', () => {
    const terminal = [...terminalChunks(report, { columns: 1000 })].join('').split('\n');
    const at = terminal.indexOf('Passed with a caveat (5): what kaudit did not verify');
    expect(terminal.slice(at + 1, at + 2)).toEqual([`  ${CAVEAT} (5): KN-1.1, KN-1.2, KN-1.3, KN-1.4, KH-7.2`]);
    const markdown = [...markdownChunks(report)].join('');
    expect(markdown).toContain(`### Passed with a caveat\n\n- ${CAVEAT} (5): KN-1.1, KN-1.2, KN-1.3, KN-1.4, KH-7.2\n`);
    const junit = [...junitChunks(report)].join('');
    expect(junit).toContain(
      `<testcase classname="kaudit-network.isolation" name="KN-1.1 Workloads are isolated for ingress" time="0">\n      <system-out>pass: ${CAVEAT}</system-out>`,
    );
  });
});

describe('the same namespace without it', () => {
  it('passes with no reason, and no report speaks of a caveat', async () => {
    const report = validReport<ScanResult>(await scan([DENY], 'json'));
    expect(network(report)).toEqual(passing(undefined));
    expect(report.controls.filter((c: ControlResult) => c.status === 'pass' && c.reason !== undefined)).toEqual([]);
    expect([...terminalChunks(report, { columns: 1000 })].join('')).not.toContain('Passed with a caveat');
    expect([...markdownChunks(report)].join('')).not.toContain('Passed with a caveat');
  });
});

describe('the caveat text', () => {
  it('names every kind served once, and is undefined when none is', () => {
    expect(
      unevaluatedCaveat({
        unevaluatedNetworkPolicyKinds: [
          { group: 'crd.antrea.io', version: 'v1beta1', resource: 'clusternetworkpolicies', kind: 'ClusterNetworkPolicy' },
          { group: 'policy.networking.k8s.io', version: 'v1alpha1', resource: 'adminnetworkpolicies', kind: 'AdminNetworkPolicy' },
        ],
      }),
    ).toBe(
      'passes on NetworkPolicies and Cilium/Calico policies only: ClusterNetworkPolicy (crd.antrea.io), AdminNetworkPolicy (policy.networking.k8s.io) are served but not evaluated by kaudit, and may admit traffic those policies deny (AdminNetworkPolicy and Antrea rules are applied before them)',
    );
    expect(unevaluatedCaveat({ unevaluatedNetworkPolicyKinds: [] })).toBeUndefined();
    expect(unevaluatedCaveat({})).toBeUndefined();
  });
});

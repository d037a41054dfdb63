/**
 * The hardening profile through the real CLI and client against the loopback API server: optional
 * kinds served, not served and forbidden (never a pass), and --as-of.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { emptyInventory, type Inventory } from '../../src/core/inventory.js';
import type { ForbiddenRule } from '../../src/apiserver/index.js';
import type { ScanResult } from '../../src/core/result.js';
import { cli, live, type Live } from '../support/live.js';
import { validReport } from '../support/schema.js';

function cluster(kyverno?: 'Enforce' | 'Audit'): Inventory {
  const inv = emptyInventory({ type: 'snapshot', collectedAt: '2026-12-01T00:00:00Z' });
  inv.version = { major: '1', minor: '34', gitVersion: 'v1.34.2' };
  inv.namespaces.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  inv.nodes.push({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { nodeInfo: { kubeletVersion: 'v1.34.2' } } });
  if (kyverno) {
    inv.kyvernoClusterPolicies.push({
      apiVersion: 'kyverno.io/v1',
      kind: 'ClusterPolicy',
      metadata: { name: 'p' },
      spec: { validationFailureAction: kyverno, rules: [{ name: 'r', validate: { pattern: {} } }] },
    });
    inv.served = { kyvernoClusterPolicies: 'kyverno.io/v1', kyvernoPolicies: 'kyverno.io/v1' };
  }
  return inv;
}

let env: Live | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

async function scan(inv: Inventory, extra: string[], forbidden: ForbiddenRule[] = []) {
  env = await live({ inventory: inv, forbidden });
  const run = await cli(['scan', '--kubeconfig', env.kubeconfig, '-b', 'kaudit-hardening', ...extra]);
  return { run, report: run.code === 0 || run.code === 1 ? validReport<ScanResult>(run.out) : undefined };
}
const control = (report: ScanResult, id: string) => report.controls.find((c) => c.id === id)!;

describe('kaudit-hardening against a live cluster', () => {
  const engine = ['--checks', 'admission-policy-engine-enforcing'];

  it('Kyverno served and enforcing: pass', async () => {
    const { report } = await scan(cluster('Enforce'), engine);
    expect([control(report!, 'KH-3.1').status, report!.coverage]).toEqual(['pass', []]);
  });

  it('not served (no engine installed): fail, with the evidence', async () => {
    const { report } = await scan(cluster(), engine);
    const c = control(report!, 'KH-3.1');
    expect(c.status).toBe('fail');
    expect(c.findings.map((f) => f.message)).toEqual([
      'No admission policy engine enforces a policy (Kyverno not installed; Gatekeeper not installed; ValidatingAdmissionPolicy not installed)',
    ]);
    expect(report!.coverage).toEqual([]);
    // Nothing but discovery asked about the kinds that are not served.
    expect(env!.server.requests.filter((r) => /kyverno|gatekeeper|validatingadmission/.test(r.path))).toEqual([]);
  });

  it('forbidden: not-assessed with the reason, never pass, even when the engine enforces', async () => {
    const { report } = await scan(cluster('Enforce'), engine, [{ resource: 'clusterpolicies' }]);
    const c = control(report!, 'KH-3.1');
    expect(c.status).toBe('not-assessed');
    expect(c.reason).toContain('kyvernoClusterPolicies: 403');
    expect(report!.coverage.map((e) => [e.key, e.status])).toEqual([['kyvernoClusterPolicies', 403]]);
  });

  it('a failed discovery: every optional kind unread, controls not-assessed', async () => {
    env = await live({ inventory: cluster('Enforce') });
    env.server.addFault({ path: /^\/apis$/, type: '403', times: Infinity });
    const run = await cli(['scan', '--kubeconfig', env.kubeconfig, '-b', 'kaudit-hardening', ...engine]);
    const report = validReport<ScanResult>(run.out);
    expect(control(report, 'KH-3.1').status).toBe('not-assessed');
    expect(report.coverage.map((e) => e.key)).toEqual([
      'gatekeeperConstraints',
      'gatekeeperConstraintTemplates',
      'kyvernoClusterPolicies',
      'kyvernoPolicies',
      'validatingAdmissionPolicies',
      'validatingAdmissionPolicyBindings',
    ]);
  });

  it('--as-of makes release support reproducible; a bad date is exit 2', async () => {
    const before = await scan(cluster(), ['--checks', 'cluster-supported-release', '--as-of', '2026-10-27']);
    expect(control(before.report!, 'KH-1.1').status).toBe('pass');
    await env!.close();
    const after = await scan(cluster(), ['--checks', 'cluster-supported-release', '--as-of', '2026-10-28']);
    expect(control(after.report!, 'KH-1.1').findings[0]!.message).toBe(
      'Kubernetes v1.34.2: 1.34 reached its end of support on 2026-10-27 (release table of 2025-12-17, as of 2026-10-28)',
    );
    await env!.close();
    const bad = await scan(cluster(), ['--as-of', '2026-02-30']);
    expect([bad.run.code, bad.run.err.trim()]).toEqual([2, 'kaudit: --as-of: "2026-02-30" is not a date (YYYY-MM-DD)']);
  });
});

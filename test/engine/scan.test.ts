import { describe, expect, it } from '@jest/globals';
import { defineCheck, notApplicable, type AnyCheck } from '../../src/core/check.js';
import type { Inventory } from '../../src/core/inventory.js';
import type { KObject, Pod } from '../../src/core/k8s.js';
import type { Profile } from '../../src/core/profile.js';
import { testProfile } from '../support/profile.js';
import { parseExceptions } from '../../src/engine/exceptions.js';
import { runScan, type ScanInput } from '../../src/engine/scan.js';
import { inventoryFromManifests } from '../../src/offline/manifests.js';
import { UsageError } from '../../src/core/errors.js';
import { exitCodeFor } from '../../src/pipeline/run-scan.js';

const privileged = defineCheck({
  meta: {
    id: 'test-privileged',
    title: 'no privileged pods',
    description: 'test',
    severity: 'high',
    requires: ['pods'],
    messages: { priv: 'pod {{name}} is privileged' },
    remediation: 'do not',
    references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/'],
  },
  select: (inv) => inv.pods,
  evaluate(pod: Pod, ctx) {
    if (pod.spec?.containers.some((c) => c.securityContext?.privileged))
      ctx.report({ messageId: 'priv', data: { name: pod.metadata.name }, path: '/spec/containers/0/securityContext/privileged' });
  },
});
const throwing = defineCheck({
  meta: { id: 'test-throws', title: 't', description: 't', severity: 'low', requires: ['pods'], messages: { m: 'm' }, remediation: 'r' },
  select: (inv) => inv.pods,
  evaluate() {
    throw new Error('boom');
  },
});
const controlPlaneOnly = defineCheck({
  meta: { id: 'test-cp', title: 't', description: 't', severity: 'medium', requires: ['nodes'], messages: { m: 'm' }, remediation: 'r' },
  select: () => notApplicable('no such component here'),
  evaluate() {},
});
const registry = new Map<string, AnyCheck>([privileged, throwing, controlPlaneOnly].map((c) => [c.meta.id, c]));

const profile = testProfile(
  [
    { id: '1.1', title: 'privileged', type: 'automated', checks: ['test-privileged'] },
    { id: '1.2', title: 'throws', type: 'automated', checks: ['test-throws'] },
    { id: '1.3', title: 'human', type: 'manual', checks: [], guidance: 'ask someone' },
    { id: '1.4', title: 'later', type: 'automated', checks: [], notAssessedReason: 'needs the node agent' },
    { id: '1.5', title: 'cp', type: 'automated', checks: ['test-cp'] },
  ],
  {
    id: '2',
    title: 'Control plane',
    scope: 'control-plane',
    controls: [{ id: '2.1', title: 'flags', type: 'automated', checks: ['test-privileged'], severity: 'critical' }],
  },
);

const pods = `
apiVersion: v1
kind: Pod
metadata: {name: bad, namespace: legacy}
spec: {containers: [{name: c, image: x, securityContext: {privileged: true}}]}
---
apiVersion: v1
kind: Pod
metadata: {name: good, namespace: shop}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Pod
metadata: {name: also-good, namespace: shop}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Pod
metadata: {name: kube-bad, namespace: kube-system, labels: {app: agent}}
spec: {containers: [{name: c, image: x, securityContext: {privileged: true}}]}
`;

function inventory(mutate?: (inv: Inventory) => void): Inventory {
  const { inventory: inv } = inventoryFromManifests([{ name: 'inline', text: pods }]);
  mutate?.(inv);
  return inv;
}

const scan = (inv: Inventory, extra: Partial<ScanInput> = {}) =>
  runScan({
    inventory: inv,
    profiles: [profile],
    registry,
    startedAt: new Date('2026-11-24T00:00:00Z'),
    now: new Date('2026-11-24T12:00:00Z'),
    toolVersion: '0.0.0',
    ...extra,
  });
const byId = (r: ReturnType<typeof scan>) => Object.fromEntries(r.controls.map((c) => [c.id, c]));

describe('engine statuses', () => {
  it('rolls checks up into every status', () => {
    const r = byId(scan(inventory()));
    expect(r['1.1']!.status).toBe('fail');
    expect(
      r['1.1']!.findings.map((f) => `${f.resource.namespace}/${f.resource.name} ${f.message} ${f.severity} ${f.system ?? false}`),
    ).toEqual(['kube-system/kube-bad pod kube-bad is privileged high true', 'legacy/bad pod bad is privileged high false']);
    expect(r['1.1']!.objects).toEqual({ judged: 4, passed: 2 });
    expect(r['1.1']!.score).toBe(50);
    expect(r['1.2']!.status).toBe('error');
    expect(r['1.2']!.reason).toBe('check test-throws failed: boom');
    expect(r['1.3']).toMatchObject({ status: 'manual', guidance: 'ask someone' });
    expect(r['1.4']).toMatchObject({ status: 'not-assessed', reason: 'needs the node agent' });
    expect(r['1.5']).toMatchObject({ status: 'not-applicable', reason: 'no such component here' });
    expect(r['2.1']).toMatchObject({ status: 'fail', severity: 'critical' });
  });

  it('carries the remediation and references of its checks on failing controls only', () => {
    const r = byId(scan(inventory()));
    expect(r['1.1']!.remediation).toEqual(['do not']);
    expect(r['1.1']!.references).toEqual(['https://kubernetes.io/docs/concepts/security/pod-security-standards/']);
    expect(r['1.2']!.remediation).toBeUndefined();
    const clean = byId(scan(inventory((inv) => (inv.pods = inv.pods.filter((p) => p.metadata.name.includes('good'))))));
    expect(clean['1.1']!.status).toBe('pass');
    expect(clean['1.1']!.remediation).toBeUndefined();
  });

  it('gates --fail-on on failing controls at or above the severity, and on any check error', () => {
    const result = scan(inventory());
    expect(exitCodeFor(result, undefined)).toBe(0);
    expect(exitCodeFor(result, 'low')).toBe(1);
    const withoutError = { ...result, controls: result.controls.filter((c) => c.status !== 'error') };
    expect(exitCodeFor(withoutError, 'critical')).toBe(1); // 2.1 is critical
    const onlyHigh = { ...result, controls: result.controls.filter((c) => c.id === '1.1') };
    expect([exitCodeFor(onlyHigh, 'high'), exitCodeFor(onlyHigh, 'critical')]).toEqual([1, 0]);
    expect(exitCodeFor({ ...result, controls: result.controls.filter((c) => c.status === 'error') }, 'critical')).toBe(1);
  });

  it('passes only when every judged object passes', () => {
    const r = byId(scan(inventory((inv) => (inv.pods = inv.pods.filter((p) => p.metadata.namespace === 'shop')))));
    expect(r['1.1']).toMatchObject({ status: 'pass', score: 100, objects: { judged: 2, passed: 2 } });
  });

  it('is not-assessed, never pass, when a required read was forbidden', () => {
    const r = byId(
      scan(
        inventory((inv) => {
          inv.pods = inv.pods.filter((p) => p.metadata.namespace === 'shop');
          inv.coverage.push({ key: 'pods', kind: 'Pod', namespace: 'legacy', status: 403, reason: 'Forbidden: pods is forbidden' });
        }),
      ),
    );
    expect(r['1.1']!.status).toBe('not-assessed');
    expect(r['1.1']!.reason).toBe('data could not be read: pods in namespace legacy: 403 Forbidden: pods is forbidden');
    expect(r['1.1']!.score).toBeUndefined();
  });

  it('does not judge absence when the absent kind could not be read', () => {
    const noPolicy = defineCheck({
      meta: {
        id: 'test-absence',
        title: 't',
        description: 't',
        severity: 'medium',
        requires: ['pods', 'networkPolicies'],
        judgesAbsence: ['networkPolicies'],
        messages: { none: 'no policy for {{n}}' },
        remediation: 'r',
      },
      select: (inv) => inv.pods,
      evaluate(pod: KObject, ctx) {
        if (!ctx.inventory.networkPolicies.length) ctx.report({ messageId: 'none', data: { n: pod.metadata.name } });
      },
    });
    const single: Profile = {
      ...profile,
      sections: [{ id: '1', title: 'x', controls: [{ id: '9.8', title: 'absence', type: 'automated', checks: ['test-absence'] }] }],
    };
    const run = (mutate?: (inv: Inventory) => void) =>
      scan(inventory(mutate), { profiles: [single], registry: new Map([['test-absence', noPolicy]]) }).controls[0];
    expect(run()).toMatchObject({ status: 'fail', objects: { judged: 4, passed: 0 } });
    const gap = run((inv) => inv.coverage.push({ key: 'networkPolicies', kind: 'NetworkPolicy', status: 403, reason: 'Forbidden: no' }));
    expect(gap).toMatchObject({ status: 'not-assessed', findings: [] });
    expect(gap!.reason).toBe('data could not be read: networkPolicies: 403 Forbidden: no');
  });

  it('is not-assessed when a required key was never collected', () => {
    const r = byId(scan(inventory((inv) => (inv.collected = inv.collected.filter((k) => k !== 'pods')))));
    expect(r['1.1']).toMatchObject({ status: 'fail', reason: 'partial: some data could not be read (pods not collected)' });
    const empty = byId(scan(inventory((inv) => ((inv.pods = []), (inv.collected = [])))));
    expect(empty['1.1']).toMatchObject({ status: 'not-assessed', reason: 'data could not be read: pods not collected' });
  });

  it('marks control-plane controls not-applicable on managed platforms', () => {
    const r = byId(scan(inventory((inv) => (inv.platform = 'eks'))));
    expect(r['2.1']!.status).toBe('not-applicable');
    expect(r['2.1']!.reason).toContain('managed by the provider (EKS)');
    expect(r['1.1']!.status).toBe('fail');
    // A visible control plane is judged, whatever the platform guess says.
    const visible = byId(
      scan(
        inventory(
          (inv) => (
            (inv.platform = 'aks'),
            (inv.controlPlane = [{ component: 'kube-apiserver', pod: { namespace: 'kube-system', name: 'kube-apiserver-cp' }, flags: {} }])
          ),
        ),
      ),
    );
    expect(visible['2.1']!.status).toBe('fail');
  });

  it('scores the mean over scored controls and counts the rest beside', () => {
    const result = scan(inventory());
    // 1.1 and 2.1 fail at 50 each; the others are excluded from the score.
    expect(result.summary.score).toBe(50);
    expect(result.summary.counts).toEqual({ pass: 0, fail: 2, manual: 1, 'not-applicable': 1, 'not-assessed': 1, waived: 0, error: 1 });
    expect(result.summary.severities).toEqual({ critical: 2, high: 2, medium: 0, low: 0, info: 0 });
    expect(result.summary.profiles).toEqual([{ id: 'test', title: 'Test', score: 50, counts: result.summary.counts }]);
    expect(result.summary.sections.map((s) => [s.id, s.score])).toEqual([
      ['1', 50],
      ['2', 50],
    ]);
  });

  it('scores null, never 100, when nothing could be assessed', () => {
    const result = scan(
      inventory((inv) => ((inv.pods = []), (inv.collected = []))),
      { onlyChecks: new Set(['test-privileged']) },
    );
    expect(result.controls.map((c) => c.status)).toEqual(['not-assessed', 'not-assessed']);
    expect(result.summary.score).toBeNull();
  });

  it('filters by --checks, --skip and --severity', () => {
    expect(scan(inventory(), { onlyChecks: new Set(['test-privileged']) }).controls.map((c) => c.id)).toEqual(['1.1', '2.1']);
    expect(scan(inventory(), { skipChecks: new Set(['test-throws']) }).controls.map((c) => c.id)).toEqual([
      '1.1',
      '1.3',
      '1.4',
      '1.5',
      '2.1',
    ]);
    expect(scan(inventory(), { minSeverity: 'critical' }).controls.map((c) => c.id)).toEqual(['2.1']);
  });

  it('counts an object with several findings as one failing object', () => {
    const twice = defineCheck({
      meta: {
        id: 'test-twice',
        title: 't',
        description: 't',
        severity: 'low',
        requires: ['pods'],
        messages: { a: 'a {{n}}', b: 'b {{n}}' },
        remediation: 'r',
      },
      select: (inv) => inv.pods,
      evaluate(pod: KObject, ctx) {
        if (pod.metadata.name !== 'bad') return;
        ctx.report({ messageId: 'a', data: { n: pod.metadata.name } });
        ctx.report({ messageId: 'b', data: { n: pod.metadata.name } });
      },
    });
    const single: Profile = {
      ...profile,
      sections: [{ id: '1', title: 'x', controls: [{ id: '9.9', title: 'twice', type: 'automated', checks: ['test-twice'] }] }],
    };
    const r = scan(inventory(), { profiles: [single], registry: new Map([['test-twice', twice]]) });
    expect(r.controls[0]).toMatchObject({ status: 'fail', objects: { judged: 4, passed: 3 }, score: 75 });
    expect(r.controls[0]!.findings.map((f) => f.message)).toEqual(['a bad', 'b bad']);
  });

  it('orders a control of several checks by check id, then object, whatever order the profile lists them in', () => {
    const named = (id: string, message: string) =>
      defineCheck({
        meta: { id, title: 't', description: 't', severity: 'low', requires: ['pods'], messages: { m: message }, remediation: 'r' },
        select: (inv) => [...inv.pods].reverse(),
        evaluate(pod: KObject, ctx) {
          ctx.report({ messageId: 'm', data: { ns: pod.metadata.namespace, n: pod.metadata.name } });
        },
      });
    const checks = [named('test-b', 'b {{ns}}/{{n}}'), named('test-a', 'a {{ ns }}/{{n}} {{missing}}')];
    const both: Profile = {
      ...profile,
      sections: [{ id: '1', title: 'x', controls: [{ id: '9.8', title: 'both', type: 'automated', checks: ['test-b', 'test-a'] }] }],
    };
    const r = scan(inventory(), { profiles: [both], registry: new Map(checks.map((c) => [c.meta.id, c])) });
    expect(r.controls[0]?.findings.map((f) => f.message)).toEqual([
      'a kube-system/kube-bad {{missing}}',
      'a legacy/bad {{missing}}',
      'a shop/also-good {{missing}}',
      'a shop/good {{missing}}',
      'b kube-system/kube-bad',
      'b legacy/bad',
      'b shop/also-good',
      'b shop/good',
    ]);
  });

  it("keeps the order of a check that ranks its subjects itself (meta.ordered), and sorts the others' by object", () => {
    const ranked = (id: string, ordered: boolean) =>
      defineCheck({
        meta: {
          id,
          title: 't',
          description: 't',
          severity: 'low',
          requires: ['pods'],
          messages: { m: '{{n}}' },
          remediation: 'r',
          ordered,
        },
        // A ranking: the privileged pod first, then the rest in reverse name order.
        select: (inv) =>
          [...inv.pods].sort(
            (a, b) =>
              Number(b.metadata.name === 'bad') - Number(a.metadata.name === 'bad') || b.metadata.name.localeCompare(a.metadata.name),
          ),
        evaluate(pod: KObject, ctx) {
          ctx.report({ messageId: 'm', data: { n: pod.metadata.name } });
        },
      });
    const checks = [ranked('test-ranked', true), ranked('test-sorted', false)];
    const both: Profile = {
      ...profile,
      sections: [
        { id: '1', title: 'x', controls: [{ id: '9.7', title: 'both', type: 'automated', checks: ['test-sorted', 'test-ranked'] }] },
      ],
    };
    const r = scan(inventory(), { profiles: [both], registry: new Map(checks.map((c) => [c.meta.id, c])) });
    expect(r.controls[0]?.findings.map((f) => `${f.checkId} ${f.message}`)).toEqual([
      'test-ranked bad',
      'test-ranked kube-bad',
      'test-ranked good',
      'test-ranked also-good',
      'test-sorted kube-bad',
      'test-sorted bad',
      'test-sorted also-good',
      'test-sorted good',
    ]);
  });

  it('gives every control that uses a check all its findings, in every profile, however many controls share it', () => {
    const second: Profile = {
      ...profile,
      id: 'second',
      sections: [
        {
          id: '7',
          title: 'again',
          controls: [{ id: '7.1', title: 'again', type: 'automated', checks: ['test-privileged', 'test-privileged'] }],
        },
      ],
    };
    const r = scan(inventory(), { profiles: [profile, second] });
    const names = (p: string, id: string) =>
      r.controls.find((c) => c.profile === p && c.id === id)?.findings.map((f) => `${f.resource.namespace}/${f.resource.name}`);
    expect(names('test', '1.1')).toEqual(['kube-system/kube-bad', 'legacy/bad']);
    expect(names('test', '2.1')).toEqual(['kube-system/kube-bad', 'legacy/bad']);
    expect(names('second', '7.1')).toEqual(['kube-system/kube-bad', 'kube-system/kube-bad', 'legacy/bad', 'legacy/bad']);
    // Counted once per listing, as every listing judges the 4 pods again: 2 of them fail each time.
    expect(r.controls.find((c) => c.profile === 'second')!.objects).toEqual({ judged: 8, passed: 4 });
  });

  it('gives the same report for the same input', () => {
    const a = scan(inventory());
    const b = scan(inventory());
    expect(JSON.stringify(a.controls)).toBe(JSON.stringify(b.controls));
  });
});

describe('waivers', () => {
  const known = { checks: new Set(registry.keys()), controls: new Set(['1.1', 'test/1.1', '2.1']) };
  const load = (doc: unknown) => parseExceptions('waivers.yaml', doc, known.checks, known.controls);

  it('waives matching findings, reports expired and unused entries', () => {
    const exceptions = load({
      exceptions: [
        {
          checks: ['test-privileged'],
          resources: [{ kind: 'Pod', namespace: 'kube-*', labels: { app: 'agent' } }],
          reason: 'node agent needs it',
          owner: 'platform',
          expires: '2026-12-31',
        },
        { checks: ['test-privileged'], resources: [{ name: 'bad' }], reason: 'old waiver', expires: '2026-11-01' },
        { controls: ['test/1.1'], resources: [{ namespace: 'nowhere' }], reason: 'never matches' },
      ],
    });
    const result = scan(inventory(), { exceptions });
    const c11 = byId(result)['1.1'];
    expect(c11!.status).toBe('fail');
    expect(c11!.findings.map((f) => [f.resource.name, f.status, f.waiver?.owner])).toEqual([
      ['kube-bad', 'waived', 'platform'],
      ['bad', 'fail', undefined],
    ]);
    expect(c11!.objects).toEqual({ judged: 4, passed: 3 });
    expect(result.exceptions).toEqual({
      applied: [{ entry: 0, reason: 'node agent needs it', owner: 'platform', expires: '2026-12-31', findings: 2 }],
      expired: [{ entry: 1, reason: 'old waiver', owner: undefined, expires: '2026-11-01' }],
      unused: [{ entry: 2, reason: 'never matches', owner: undefined }],
    });
  });

  it('makes a control waived when every finding is waived', () => {
    const exceptions = load([{ checks: ['test-privileged'], reason: 'accepted risk' }]);
    const r = byId(scan(inventory(), { exceptions }));
    expect(r['1.1']).toMatchObject({ status: 'waived', score: 100 });
  });

  it('ignores annotations on the audited objects', () => {
    const r = byId(
      scan(inventory((inv) => (inv.pods[0]!.metadata.annotations = { 'kaudit.io/waive': 'test-privileged', 'kaudit.io/exempt': 'true' }))),
    );
    expect(r['1.1']!.findings.every((f) => f.status === 'fail')).toBe(true);
  });

  it.each([
    [[{ checks: ['test-privileged'] }], 'exceptions waivers.yaml: entry 1: "reason" is required: say why this is accepted'],
    [[{ reason: 'x' }], 'exceptions waivers.yaml: entry 1: "checks" or "controls" is required (which findings does this entry waive?)'],
    [[{ checks: ['nope'], reason: 'x' }], 'exceptions waivers.yaml: entry 1: "checks" names unknown check id "nope"'],
    [
      [{ checks: ['test-cp'], reason: 'x', expires: 'soon' }],
      'exceptions waivers.yaml: entry 1: "expires" must be a date YYYY-MM-DD (got "soon")',
    ],
    [
      [
        { checks: ['test-cp'], reason: 'x' },
        { controls: ['9.9'], reason: 'y' },
      ],
      'exceptions waivers.yaml: entry 2: "controls" names unknown control "9.9" (use an id like 5.2.2 or profile/id like cis-1.12/5.2.2)',
    ],
    [
      [{ checks: ['test-cp'], reason: 'x', resources: [{ kinds: 'Pod' }] }],
      'exceptions waivers.yaml: entry 1: "resources[0].kinds" is not a known selector field (fields: kind, namespace, name, labels)',
    ],
    [{ nope: true }, 'exceptions waivers.yaml: expected a list of entries under "exceptions:"'],
    [
      [{ checks: ['test-cp'], reason: 'x', expires: '2027-02-30' }],
      'exceptions waivers.yaml: entry 1: "expires" must be a date YYYY-MM-DD (got "2027-02-30")',
    ],
    [
      [{ checks: ['test-cp'], reason: 'x', resources: [{}] }],
      'exceptions waivers.yaml: entry 1: "resources[0]" is empty (omit resources to waive everywhere)',
    ],
    [
      [{ checks: ['test-cp'], reason: 'x', resources: [{ name: '' }] }],
      'exceptions waivers.yaml: entry 1: "resources[0].name" must be a non-empty string',
    ],
  ])('rejects invalid entries with one clear line (%#)', (doc, message) => {
    expect(() => load(doc)).toThrow(new UsageError(message));
  });
});

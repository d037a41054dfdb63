/**
 * A check's caveat (meta.caveat): what a pass did not verify, asked of the Inventory once per scan
 * when the check ran. A passing control gives its checks' caveats as its reason (each text once), and
 * so does a passing evidence entry; every other status keeps its own reason.
 */
import { describe, expect, it } from '@jest/globals';
import { defineCheck, notApplicable, type AnyCheck, type Check } from '../../src/core/check.js';
import type { Inventory } from '../../src/core/inventory.js';
import type { Pod } from '../../src/core/k8s.js';
import { testProfile } from '../support/profile.js';
import { parseExceptions } from '../../src/engine/exceptions.js';
import { runScan, type ScanInput } from '../../src/engine/scan.js';
import { inventoryFromManifests } from '../../src/offline/manifests.js';

/** How many times each check's caveat was asked. */
const asked = new Map<string, number>();
const counted =
  (id: string, text: (inv: Inventory) => string | undefined) =>
  (inv: Inventory): string | undefined => {
    asked.set(id, (asked.get(id) ?? 0) + 1);
    return text(inv);
  };

type Run = Pick<Check<Pod, 'priv'>, 'select' | 'evaluate'>;

/** Fails privileged pods. */
const privileged: Run = {
  select: (inv) => inv.pods,
  evaluate(pod, ctx) {
    if (pod.spec?.containers.some((c) => c.securityContext?.privileged))
      ctx.report({ messageId: 'priv', data: { name: pod.metadata.name } });
  },
};

/** A check with the given caveat (counted), failing privileged pods unless `run` says otherwise. */
const check = (id: string, caveat?: (inv: Inventory) => string | undefined, run: Run = privileged): AnyCheck =>
  defineCheck({
    meta: {
      id,
      title: id,
      description: 'test',
      severity: 'high',
      requires: ['pods'],
      messages: { priv: 'pod {{name}} is privileged' },
      remediation: 'do not',
      ...(caveat ? { caveat: counted(id, caveat) } : {}),
    },
    ...run,
  });

const checks: AnyCheck[] = [
  // A function of the Inventory: the number of pods it saw.
  check('a-counted', (inv) => `judged ${inv.pods.length} pods only`),
  check('b-shared', () => 'policies of kind X not evaluated'),
  check('c-shared', () => 'policies of kind X not evaluated'),
  check('d-none', () => undefined),
  check('e-plain'),
  check('f-unjudgeable', () => 'never asked', { select: () => notApplicable('no such component here'), evaluate() {} }),
  check('g-throws', () => 'never asked', {
    select: (inv) => inv.pods,
    evaluate() {
      throw new Error('boom');
    },
  }),
];
const registry = new Map(checks.map((c) => [c.meta.id, c]));

const control = (id: string, ids: string[]) => ({ id, title: id, type: 'automated' as const, checks: ids });
const profile = testProfile([
  control('one', ['a-counted']),
  control('two', ['b-shared', 'a-counted']),
  control('dedup', ['b-shared', 'c-shared', 'b-shared']),
  control('none', ['d-none']),
  control('plain', ['e-plain']),
  control('plain-and-caveat', ['e-plain', 'b-shared']),
  control('not-applicable', ['f-unjudgeable']),
  control('part-not-applicable', ['f-unjudgeable', 'c-shared']),
  control('error', ['g-throws', 'b-shared']),
  { id: 'manual', title: 'manual', type: 'manual', checks: [], evidence: ['a-counted', 'e-plain'] },
]);

const GOOD = `
apiVersion: v1
kind: Pod
metadata: {name: good, namespace: shop}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Pod
metadata: {name: also-good, namespace: shop}
spec: {containers: [{name: c, image: x}]}
`;
const BAD = `${GOOD}---
apiVersion: v1
kind: Pod
metadata: {name: bad, namespace: legacy}
spec: {containers: [{name: c, image: x, securityContext: {privileged: true}}]}
`;

const inventory = (text: string, mutate?: (inv: Inventory) => void): Inventory => {
  const { inventory: inv } = inventoryFromManifests([{ name: 'inline', text }]);
  mutate?.(inv);
  return inv;
};

const scan = (inv: Inventory, extra: Partial<ScanInput> = {}) => {
  asked.clear();
  return runScan({
    inventory: inv,
    profiles: [profile],
    registry,
    startedAt: new Date('2026-12-07T00:00:00Z'),
    now: new Date('2026-12-07T12:00:00Z'),
    toolVersion: '0.0.0',
    ...extra,
  });
};
const verdicts = (r: ReturnType<typeof scan>) => Object.fromEntries(r.controls.map((c) => [c.id, [c.status, c.reason]]));

describe('a check caveat on a passing control', () => {
  it('is the reason of a pass: each text once, in the order the control lists its checks; none without a caveat', () => {
    const result = scan(inventory(GOOD));
    expect(verdicts(result)).toEqual({
      one: ['pass', 'judged 2 pods only'],
      two: ['pass', 'policies of kind X not evaluated; judged 2 pods only'],
      dedup: ['pass', 'policies of kind X not evaluated'],
      none: ['pass', undefined],
      plain: ['pass', undefined],
      'plain-and-caveat': ['pass', 'policies of kind X not evaluated'],
      'not-applicable': ['not-applicable', 'no such component here'],
      'part-not-applicable': ['pass', 'policies of kind X not evaluated'],
      error: ['error', 'check g-throws failed: boom'],
      manual: ['manual', 'needs a human review; see the guidance and the evidence'],
    });
    // Once per check and scan, however many controls use it; never for a check that did not run to the end.
    expect(Object.fromEntries(asked)).toEqual({ 'a-counted': 1, 'b-shared': 1, 'c-shared': 1, 'd-none': 1 });
    // A control without a caveat has no reason field at all, as before.
    expect(result.controls.find((c) => c.id === 'plain')).not.toHaveProperty('reason');
  });

  it('does not change a failing control: no reason, or its own', () => {
    const r = verdicts(scan(inventory(BAD)));
    expect(r.one).toEqual(['fail', undefined]);
    expect(r['plain-and-caveat']).toEqual(['fail', undefined]);
    const partial = verdicts(
      scan(
        inventory(BAD, (inv) =>
          inv.coverage.push({ key: 'pods', kind: 'Pod', namespace: 'ops', status: 403, reason: 'Forbidden: pods is forbidden' }),
        ),
      ),
    );
    expect(partial.one).toEqual(['fail', 'partial: some data could not be read (pods in namespace ops: 403 Forbidden: pods is forbidden)']);
  });

  it('does not change a not-assessed or waived control', () => {
    const unread = verdicts(
      scan(
        inventory(GOOD, (inv) =>
          inv.coverage.push({ key: 'pods', kind: 'Pod', namespace: 'ops', status: 403, reason: 'Forbidden: pods is forbidden' }),
        ),
      ),
    );
    expect(unread.one).toEqual(['not-assessed', 'data could not be read: pods in namespace ops: 403 Forbidden: pods is forbidden']);
    const exceptions = parseExceptions(
      'waivers.yaml',
      [{ checks: ['a-counted'], reason: 'accepted' }],
      new Set(registry.keys()),
      new Set(),
    );
    expect(verdicts(scan(inventory(BAD), { exceptions })).one).toEqual(['waived', 'every finding is covered by an exception']);
  });

  it('is the reason of a passing evidence entry, and only of a passing one', () => {
    const evidence = (text: string) =>
      scan(inventory(text))
        .controls.find((c) => c.id === 'manual')!
        .evidence!.map((e) => [e.checkId, e.status, e.reason]);
    expect(evidence(GOOD)).toEqual([
      ['a-counted', 'pass', 'judged 2 pods only'],
      ['e-plain', 'pass', undefined],
    ]);
    expect(evidence(BAD)).toEqual([
      ['a-counted', 'fail', undefined],
      ['e-plain', 'fail', undefined],
    ]);
  });
});

import { describe, expect, it } from '@jest/globals';
import { defineCheck, type AnyCheck } from '../../src/core/check.js';
import type { Inventory } from '../../src/core/inventory.js';
import { testProfile } from '../support/profile.js';
import { scanCache, withScanCaches } from '../../src/core/scan-cache.js';
import { runScan } from '../../src/engine/scan.js';
import { inventoryFromManifests } from '../../src/offline/manifests.js';
import { loadCatalog } from '../../src/pipeline/registry.js';
import { podSpecSubjects, type PodSpecSubject } from '../../checks/_shared/workloads.js';

const manifests = `
apiVersion: v1
kind: Pod
metadata: {name: bad, namespace: shop}
spec: {containers: [{name: c, image: x, securityContext: {privileged: true}}]}
---
apiVersion: v1
kind: Pod
metadata: {name: good, namespace: shop}
spec: {containers: [{name: c, image: x}]}
`;

const inventory = (): Inventory => inventoryFromManifests([{ name: 'inline', text: manifests }]).inventory;

// A check that records the pod-spec subjects the shared helper gave it, next to the real pss-privileged.
const seen: PodSpecSubject[][] = [];
const recorder = defineCheck({
  meta: { id: 'test-recorder', title: 't', description: 't', severity: 'low', requires: ['pods'], messages: { m: 'm' }, remediation: 'r' },
  select: (inv) => {
    seen.push(podSpecSubjects(inv));
    return [];
  },
  evaluate() {},
});
const privileged = loadCatalog().checks.get('pss-privileged');
if (!privileged) throw new Error('pss-privileged is not registered');
const registry = new Map<string, AnyCheck>([
  [recorder.meta.id, recorder],
  [privileged.meta.id, privileged],
]);
const profile = testProfile([
  { id: '1.1', title: 'recorder', type: 'automated', checks: ['test-recorder'] },
  { id: '1.2', title: 'privileged', type: 'automated', checks: ['pss-privileged'] },
]);
const scan = (inv: Inventory) =>
  runScan({ inventory: inv, profiles: [profile], registry, startedAt: new Date('2026-12-07T00:00:00Z'), toolVersion: '0.0.0' });

describe('scan caches', () => {
  it('keep a memo within a scope and forget it when the outermost scope ends, also on a throw', () => {
    const cache = scanCache<object, number>();
    const key = {};
    withScanCaches(() => {
      cache.set(key, 1);
      withScanCaches(() => expect(cache.get(key)).toBe(1));
      expect(cache.get(key)).toBe(1); // the inner scope's end does not clear
    });
    expect(cache.has(key)).toBe(false);
    expect(() =>
      withScanCaches(() => {
        cache.set(key, 2);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(cache.get(key)).toBeUndefined();
  });

  it('act as a plain WeakMap outside a scope (a check called on its own)', () => {
    const inv = inventory();
    expect(podSpecSubjects(inv)).toBe(podSpecSubjects(inv));
  });

  it('are dropped after a scan: a second scan of another inventory sharing the pods array builds its own, with the same verdicts', () => {
    seen.length = 0;
    const first = inventory();
    const r1 = scan(first);
    // Another Inventory over the same pods array: a WeakMap on inv.pods tied to the first would hand it the first scan's subjects.
    const second: Inventory = { ...first };
    const r2 = scan(second);
    expect(seen).toHaveLength(2);
    expect(seen[1]).not.toBe(seen[0]);
    expect(seen[1]).toEqual(seen[0]);
    // Nor does anything after the scan get the scan's memo back.
    expect(podSpecSubjects(first)).not.toBe(seen[0]);
    const verdicts = (r: ReturnType<typeof scan>) => r.controls.map((c) => [c.id, c.status, c.findings.map((f) => f.resource.name)]);
    expect(verdicts(r1)).toEqual([
      ['1.1', 'pass', []],
      ['1.2', 'fail', ['bad']],
    ]);
    expect(verdicts(r2)).toEqual(verdicts(r1));
  });
});

/**
 * Every check's `meta.example` is executed: loaded as manifests and evaluated by its own check, it
 * must produce at least one finding. The example is what `kaudit checks explain` and docs/checks show
 * as failing, so an example that passes would teach the wrong thing.
 */
import { describe, expect, it } from '@jest/globals';
import { CHECKS } from '../../checks/index.js';
import { evaluateCheck } from '../../src/engine/evaluate.js';
import { inventoryFromManifests } from '../../src/offline/manifests.js';

describe('check examples', () => {
  it('every check carries an example', () => {
    expect(CHECKS.filter((c) => !c.meta.example).map((c) => c.meta.id)).toEqual([]);
  });

  it.each(CHECKS.map((c) => [c.meta.id, c] as const))('%s: its own example fails it', (_id, check) => {
    const { inventory } = inventoryFromManifests([{ name: `${check.meta.id} example`, text: check.meta.example ?? '' }]);
    // Kubelet examples show the effective configuration as /configz serves it (kubeletExample), not a config file.
    if (check.meta.requires.includes('kubelets')) inventory.source.type = 'live';
    // Version examples show a cluster whose GET /version says v1.30 (a manifest cannot carry it).
    if (check.meta.requires.includes('version')) inventory.version = { major: '1', minor: '30', gitVersion: 'v1.30.14' };
    const outcome = evaluateCheck(check, inventory, check.meta.exampleOptions);
    expect(outcome.error).toBeUndefined();
    expect(outcome.unjudgeable).toBeUndefined();
    expect(outcome.findings.length).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from '@jest/globals';
import { syntheticInventory } from '../../bench/synthetic.js';
import type { Inventory } from '../../src/core/inventory.js';
import type { KObject } from '../../src/core/k8s.js';
import { scanJson } from '../support/scan-json.js';
import { RESOURCE_KEYS } from '../../src/core/resources.js';
import { fieldAt } from '../../src/core/shape.js';
import { METADATA_DROPPED, METADATA_KEPT_BY_KIND, sanitizeObject, STATUS_DROPPED_KINDS, STATUS_KEPT } from '../../src/core/sanitize.js';

/**
 * What sanitizeObject drops at entry must be unread by every check: here the dropped fields are put
 * back as getters that throw, so a check reading one errors and the scan differs.
 */
describe('fields dropped at entry', () => {
  const scanOf = scanJson;
  const copyOf = (inv: Inventory): Inventory => JSON.parse(JSON.stringify(inv)) as Inventory;
  const trap = (what: string) => ({
    enumerable: true,
    get(): never {
      throw new Error(`a check read ${what}, which sanitizeObject drops`);
    },
  });

  it('drops the status of every kind named, a pod keeping its phase, and metadata no check reads', () => {
    const raw = syntheticInventory({ pods: 40, nodes: 3, seed: 3 });
    const node = sanitizeObject(copyOf(raw).nodes[0]!);
    // A kubelet's version stays (version skew); the rest of a Node's status goes.
    expect(node.status).toEqual({ nodeInfo: { kubeletVersion: raw.nodes[0]!.status?.nodeInfo?.kubeletVersion } });
    expect(typeof fieldAt(node.status, 'nodeInfo', 'kubeletVersion')).toBe('string');
    expect(node.metadata.name).toBe(raw.nodes[0]!.metadata.name);
    expect(node.metadata.labels).toEqual(raw.nodes[0]!.metadata.labels);
    expect(node.spec).toEqual(raw.nodes[0]!.spec);
    const pod = sanitizeObject(copyOf(raw).pods[0]!);
    expect(pod.status).toEqual({ phase: raw.pods[0]!.status?.phase });
    expect(pod.metadata.resourceVersion).toBeUndefined();
    expect(pod.metadata.creationTimestamp).toBeUndefined();
    expect(pod.metadata.uid).toBe(raw.pods[0]!.metadata.uid);
    expect(METADATA_DROPPED).toEqual(['resourceVersion', 'creationTimestamp', 'generation', 'selfLink', 'generateName']);
    // Secrets keep their creationTimestamp (secret-rotation-age judges it); the rest still goes.
    expect(METADATA_KEPT_BY_KIND).toEqual({ Secret: ['creationTimestamp'] });
    const rawSecret = raw.secrets.find((x) => x.metadata.creationTimestamp && x.metadata.resourceVersion)!;
    const secret = sanitizeObject(
      copyOf(raw).secrets.find(
        (x) => x.metadata.name === rawSecret.metadata.name && x.metadata.namespace === rawSecret.metadata.namespace,
      )!,
    );
    expect(secret.metadata.creationTimestamp).toBe(rawSecret.metadata.creationTimestamp);
    expect(secret.metadata.resourceVersion).toBeUndefined();
    expect([...STATUS_DROPPED_KINDS].sort()).toEqual([
      'CronJob',
      'DaemonSet',
      'Deployment',
      'Job',
      'Node',
      'Pod',
      'ReplicaSet',
      'StatefulSet',
    ]);
    expect(STATUS_KEPT).toEqual({
      Pod: ['phase'],
      Node: ['nodeInfo.kubeletVersion'],
      DaemonSet: ['desiredNumberScheduled', 'numberReady'],
    });
    const ds = sanitizeObject({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'falco' },
      status: { desiredNumberScheduled: 3, numberReady: 2, conditions: [], observedGeneration: 4 },
    } as KObject);
    expect(ds.status).toEqual({ desiredNumberScheduled: 3, numberReady: 2 });
  });

  it('are read by no check of any shipped profile', () => {
    const raw = syntheticInventory({ pods: 400, nodes: 6, seed: 11 });
    const sanitized = copyOf(raw);
    const trapped = copyOf(raw);
    let traps = 0;
    for (const key of RESOURCE_KEYS) {
      sanitized[key] = sanitized[key].map((o) => sanitizeObject(o));
      trapped[key] = trapped[key].map((o: KObject) => {
        const status = o.status as Record<string, unknown> | undefined;
        const metadata = { ...o.metadata } as Record<string, unknown>;
        const kept = sanitizeObject(o);
        for (const field of METADATA_DROPPED.filter((f) => !METADATA_KEPT_BY_KIND[o.kind]?.includes(f))) {
          if (field in metadata) Object.defineProperty(kept.metadata, field, trap(`${o.kind} metadata.${field}`));
          if (field in metadata) traps++;
        }
        if (!STATUS_DROPPED_KINDS.has(o.kind) || !status) return kept;
        if (kept.status) {
          const keptStatus = kept.status as Record<string, unknown>;
          for (const field of Object.keys(status)) {
            if (!(field in keptStatus)) Object.defineProperty(keptStatus, field, trap(`${o.kind} status.${field}`));
            // A sub-object kept in part (a Node's nodeInfo): what it lost is trapped too.
            else if (keptStatus[field] && typeof keptStatus[field] === 'object' && status[field] && typeof status[field] === 'object') {
              const part = (keptStatus[field] = { ...(keptStatus[field] as object) }) as Record<string, unknown>;
              for (const sub of Object.keys(status[field] as object))
                if (!(sub in part)) Object.defineProperty(part, sub, trap(`${o.kind} status.${field}.${sub}`));
            }
          }
        } else {
          Object.defineProperty(kept, 'status', trap(`${o.kind} status`));
        }
        traps++;
        return kept;
      });
    }
    expect(trapped.nodes.length).toBe(6);
    expect(traps).toBeGreaterThan(2000);
    const expected = scanOf(sanitized);
    const result = scanOf(trapped);
    expect(JSON.parse(result).controls.filter((c: { status: string }) => c.status === 'error')).toEqual([]);
    expect(result === expected).toBe(true);
    expect(JSON.parse(result).summary.counts.fail).toBeGreaterThan(10);
  });
});

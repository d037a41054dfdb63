/**
 * Findings about the cluster as a whole (no object is at fault: a missing engine, an unsupported
 * release) name this reference, so reports and waivers have one stable place for them.
 */
import type { ResourceRef } from '../../src/core/check.js';

export const clusterRef = (name = 'cluster'): ResourceRef => ({ apiVersion: 'kaudit.io/v1', kind: 'Cluster', name });

/** The one subject of a cluster-level check. */
export interface ClusterSubject<T = unknown> {
  cluster: true;
  facts: T;
}

export const clusterSubject = <T>(facts: T): ClusterSubject<T> => ({ cluster: true, facts });

/** Sorted, distinct names as one line of evidence ("a, b and 3 more"). */
export function listed(names: Iterable<string>, max = 8): string {
  const all = [...new Set(names)].sort();
  if (all.length <= max) return all.join(', ');
  return `${all.slice(0, max).join(', ')} and ${all.length - max} more`;
}

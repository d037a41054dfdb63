/**
 * Helpers of the kaudit-workloads checks (resources, images, hardening, secrets, reliability):
 * resource quantities as the kubelet reads them.
 */
import type { PodSpec } from '../../src/core/k8s.js';

export type ComputeResource = 'cpu' | 'memory';
export const COMPUTE_RESOURCES: readonly ComputeResource[] = ['cpu', 'memory'];

/** A quantity as written (YAML may give a bare number); undefined when unset or null. */
export function quantity(list: unknown, resource: ComputeResource): string | undefined {
  if (!list || typeof list !== 'object') return undefined;
  const v = (list as Record<string, unknown>)[resource];
  if (v === undefined || v === null || v === '') return undefined;
  return String(v).trim();
}

/** `0`, `0m`, `0Mi`, `0.0`, `0e3`...: a quantity the kubelet treats as "none" (no request, no limit). */
export function isZeroQuantity(q: string): boolean {
  return /^[+-]?(?:0+(?:\.0*)?|\.0+)(?:[eE][+-]?\d+)?[a-zA-Z]*$/.test(q);
}

/**
 * Pod-level resources (spec.resources, beta and on by default since Kubernetes 1.34) bound all
 * containers together: a pod-level value of a resource stands in for the per-container ones.
 */
export function podLevel(spec: PodSpec, list: 'requests' | 'limits', resource: ComputeResource): string | undefined {
  const resources = spec.resources as { requests?: unknown; limits?: unknown } | undefined;
  const q = quantity(resources?.[list], resource);
  return q !== undefined && !isZeroQuantity(q) ? q : undefined;
}

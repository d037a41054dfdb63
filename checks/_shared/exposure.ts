/**
 * What is reachable from outside the cluster: Services of type LoadBalancer or NodePort or with
 * externalIPs, and Ingresses, with the workloads they send traffic to (Service spec.selector
 * matched against pod template labels, once per namespace index). Workloads failing the Pod
 * Security Standards baseline come first in the evidence: they are the ones an attacker should not meet.
 */
import type { Inventory, InventoryKey } from '../../src/core/inventory.js';
import type { Ingress, KObject, PodSpec, Service } from '../../src/core/k8s.js';
import { mapSelectorMatches } from '../../src/core/label-selector.js';
import { evaluatePodSecurity } from '../../src/pss/index.js';
import { podLevelSubjects, POD_SPEC_KEYS, type PodSpecSubject } from './workloads.js';

export const EXPOSURE_KEYS: readonly InventoryKey[] = ['services', ...POD_SPEC_KEYS];

export interface ExposedWorkload {
  subject: PodSpecSubject;
  /** PSS baseline controls the template fails (latest policy version); empty when it passes. */
  baselineFailures: string[];
}

/** How a Service is reachable from outside, or undefined for a cluster-internal one. */
export function externalExposure(svc: Service): string | undefined {
  const ways: string[] = [];
  if (svc.spec?.type === 'LoadBalancer') ways.push('LoadBalancer');
  else if (svc.spec?.type === 'NodePort') ways.push('NodePort');
  const ips = Array.isArray(svc.spec?.externalIPs) ? (svc.spec.externalIPs as unknown[]).filter((x) => typeof x === 'string') : [];
  if (ips.length) ways.push(`externalIPs ${ips.join(', ')}`);
  return ways.length ? ways.join(', ') : undefined;
}

const failures = new WeakMap<PodSpec, string[]>();

function baselineFailuresOf(s: PodSpecSubject): string[] {
  let known = failures.get(s.spec);
  if (!known)
    failures.set(
      s.spec,
      (known = evaluatePodSecurity('baseline', 'latest', s.meta, s.spec)
        .filter((r) => !r.allowed)
        .map((r) => r.id)),
    );
  return known;
}

const indexes = new WeakMap<readonly KObject[], Map<string, PodSpecSubject[]>>();

function subjectsByNamespace(inv: Inventory): Map<string, PodSpecSubject[]> {
  let index = indexes.get(inv.pods);
  if (!index) {
    index = new Map();
    for (const s of podLevelSubjects(inv)) {
      const ns = s.object.metadata.namespace ?? '';
      const list = index.get(ns);
      if (list) list.push(s);
      else index.set(ns, [s]);
    }
    indexes.set(inv.pods, index);
  }
  return index;
}

/** The workloads (and bare pods) a Service selects, failing-baseline first, then by kind and name. */
export function workloadsBehind(inv: Inventory, svc: Service): ExposedWorkload[] {
  const selector = svc.spec?.selector as Record<string, string> | undefined;
  const inNs = subjectsByNamespace(inv).get(svc.metadata.namespace ?? '') ?? [];
  return inNs
    .filter((s) => mapSelectorMatches(selector, s.meta.labels))
    .map((subject) => ({ subject, baselineFailures: baselineFailuresOf(subject) }))
    .sort((a, b) => Number(!a.baselineFailures.length) - Number(!b.baselineFailures.length) || label(a).localeCompare(label(b)));
}

const label = (w: ExposedWorkload): string => `${w.subject.object.kind} ${w.subject.object.metadata.name}`;

/** "Deployment web (fails pss-baseline: privileged), Deployment api", the first `max` and a count of the rest. */
export function workloadsText(workloads: readonly ExposedWorkload[], max = 5): string {
  if (!workloads.length) return 'no workload (the selector matches no pod template)';
  const shown = workloads
    .slice(0, max)
    .map((w) => (w.baselineFailures.length ? `${label(w)} (fails pss-baseline: ${w.baselineFailures.join(', ')})` : label(w)));
  return shown.join(', ') + (workloads.length > max ? ` and ${workloads.length - max} more` : '');
}

/** Service names an Ingress routes to (rules and default backend). */
export function ingressBackends(ing: Ingress): string[] {
  type Backend = { service?: { name?: unknown } } | undefined;
  const spec = (ing.spec ?? {}) as { defaultBackend?: Backend; rules?: unknown };
  const names = new Set<string>();
  const add = (backend: Backend) => typeof backend?.service?.name === 'string' && names.add(backend.service.name);
  add(spec.defaultBackend);
  const rules = (Array.isArray(spec.rules) ? spec.rules : []) as { http?: { paths?: unknown } }[];
  for (const rule of rules)
    for (const path of (Array.isArray(rule?.http?.paths) ? rule.http.paths : []) as { backend?: Backend }[]) add(path?.backend);
  return [...names];
}

/**
 * What is reachable from outside the cluster: Services of type LoadBalancer or NodePort or with
 * externalIPs, and Ingresses, with the workloads they send traffic to (Service spec.selector
 * matched against pod template labels, once per namespace index). The workloads an attacker should
 * least meet come first in the evidence: failing the Pod Security Standards baseline first, then
 * running with a powerful service account (its token mounted and the account cluster-admin
 * equivalent, with a path to it, reading Secrets in every namespace, or creating or entering pods;
 * rbac-workload-power.ts, memoised per inventory), the most powerful first.
 */
import type { Inventory, InventoryKey } from '../../src/core/inventory.js';
import { scanCache } from '../../src/core/scan-cache.js';
import type { Ingress, KObject, Service } from '../../src/core/k8s.js';
import { mapSelectorMatches } from '../../src/core/label-selector.js';
import { rejectingControlIds } from './pss-verdicts.js';
import { ESCALATION_KEYS } from './rbac-escalation.js';
import { serviceAccountIdentity } from './rbac-identities.js';
import { accountPower, POWER_RANK, runsAsText, type AccountPower } from './rbac-workload-power.js';
import { saKey, serviceAccountIndex, serviceAccountNameOf, tokenMount } from './service-accounts.js';
import { POD_SPEC_KEYS, podLevelSubjects, type PodSpecSubject } from './workloads.js';

/** What an exposure verdict rests on: Services and the pod-spec kinds. */
export const EXPOSURE_KEYS: readonly InventoryKey[] = ['services', ...POD_SPEC_KEYS];
/**
 * What only ranks and words the findings (the service account's power: RBAC, ServiceAccounts,
 * Secrets, Namespaces): read with them, but a failed read of it never leaves the verdict unjudged.
 */
export const EXPOSURE_RANKING_KEYS: readonly InventoryKey[] = ESCALATION_KEYS.filter((k) => !EXPOSURE_KEYS.includes(k));

export interface ExposedWorkload {
  subject: PodSpecSubject;
  /** PSS baseline controls the template fails (latest policy version); empty when it passes. */
  baselineFailures: string[];
  /** The service account its pods run as (namespace/name) and its strongest dangerous power, when the token is mounted and it has one. */
  account?: { name: string; power: AccountPower };
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

/** The PSS baseline controls (latest) the subject's pods fail, in the library's order. */
const baselineFailuresOf = (s: PodSpecSubject): string[] => rejectingControlIds(s, 'baseline', 'latest');

const accountIndexes = scanCache<readonly KObject[], Map<string, KObject>>();

function powerfulAccount(inv: Inventory, s: PodSpecSubject): ExposedWorkload['account'] {
  const ns = s.object.metadata.namespace;
  if (!ns) return undefined;
  let accounts = accountIndexes.get(inv.serviceAccounts);
  if (!accounts) accountIndexes.set(inv.serviceAccounts, (accounts = serviceAccountIndex(inv)));
  const name = saKey(ns, serviceAccountNameOf(s.spec));
  if (!tokenMount(s, accounts.get(name)).mounted) return undefined;
  const power = accountPower(inv, serviceAccountIdentity(ns, serviceAccountNameOf(s.spec)));
  return power && { name, power };
}

const indexes = scanCache<readonly KObject[], Map<string, PodSpecSubject[]>>();

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

/** 0 fails pss-baseline and runs with a powerful account ... 9 neither: failing the baseline first, then by the account's power. */
export const urgency = (w: ExposedWorkload): number =>
  (w.baselineFailures.length ? 0 : 5) + (w.account ? POWER_RANK[w.account.power.level] : 4);

/** Most urgent exposed workload first: failing pss-baseline, then the more powerful service account; then by kind and name. */
export function compareExposed(a: ExposedWorkload, b: ExposedWorkload): number {
  return urgency(a) - urgency(b) || label(a).localeCompare(label(b));
}

/** The workloads (and bare pods) a Service selects, most urgent first (compareExposed). */
export function workloadsBehind(inv: Inventory, svc: Service): ExposedWorkload[] {
  const selector = svc.spec?.selector as Record<string, string> | undefined;
  const inNs = subjectsByNamespace(inv).get(svc.metadata.namespace ?? '') ?? [];
  return inNs
    .filter((s) => mapSelectorMatches(selector, s.meta.labels))
    .map((subject) => ({ subject, baselineFailures: baselineFailuresOf(subject), account: powerfulAccount(inv, subject) }))
    .sort(compareExposed);
}

const label = (w: ExposedWorkload): string => `${w.subject.object.kind} ${w.subject.object.metadata.name}`;

/** Why a workload is a bad thing to expose: "fails pss-baseline: privileged; runs as cluster-admin-equivalent ServiceAccount legacy/default". */
export function exposedWhy(w: ExposedWorkload): string {
  const why: string[] = [];
  if (w.baselineFailures.length) why.push(`fails pss-baseline: ${w.baselineFailures.join(', ')}`);
  if (w.account) why.push(runsAsText(w.account.name, w.account.power));
  return why.join('; ');
}

/** "Deployment web (fails pss-baseline: privileged; runs as ...), Deployment api", the first `max` and a count of the rest. */
export function workloadsText(workloads: readonly ExposedWorkload[], max = 5): string {
  if (!workloads.length) return 'no workload (the selector matches no pod template)';
  const shown = workloads.slice(0, max).map((w) => {
    const why = exposedWhy(w);
    return why ? `${label(w)} (${why})` : label(w);
  });
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

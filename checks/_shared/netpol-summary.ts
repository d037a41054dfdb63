/**
 * Per-namespace isolation: pods isolated / total for ingress and for egress, and whether a policy
 * isolates the whole namespace (default deny). One pass over the pods, one isolation lookup each
 * (cached by labels object), so it stays linear at 150,000 pods.
 */
import type { Inventory, InventoryKey } from '../../src/core/inventory.js';
import { scanCache } from '../../src/core/scan-cache.js';
import type { Check } from '../../src/core/check.js';
import type { DefaultDeny, NamespaceIsolation, NetworkSection, ScanResult } from '../../src/core/result.js';
import { unevaluatedText } from '../../src/core/unevaluated-netpol.js';
import {
  crdPolicyCount,
  DIRECTIONS,
  deniesAll,
  isolatesNamespace,
  netpolModel,
  NETPOL_KEYS,
  policyRef,
  type CompiledPolicy,
  type Direction,
  type NetpolModel,
} from './netpol-model.js';

export const NETPOL_SUMMARY_KEYS: readonly InventoryKey[] = [...NETPOL_KEYS, 'pods'];

export type { DefaultDeny, NamespaceIsolation };

export function defaultDenyOf(model: NetpolModel, namespace: string): Pick<NamespaceIsolation, 'defaultDeny' | 'defaultDenyPolicy'> {
  const policies = model.policiesIn(namespace);
  const defaultDeny = {} as Record<Direction, DefaultDeny>;
  const defaultDenyPolicy: NamespaceIsolation['defaultDenyPolicy'] = {};
  for (const d of DIRECTIONS) {
    const strict = policies.find((p) => deniesAll(p, d));
    const isolating = strict ?? policies.find((p) => isolatesNamespace(p, d));
    defaultDeny[d] = strict ? 'deny-all' : isolating ? 'isolating' : 'none';
    if (isolating) defaultDenyPolicy[d] = policyRef(isolating);
  }
  return { defaultDeny, defaultDenyPolicy };
}

const cache = scanCache<NetpolModel, { pods: readonly unknown[]; rows: NamespaceIsolation[] }>();

/** Every namespace (Namespace objects, and namespaces that only appear on pods or policies), by name. */
export function namespaceIsolation(inv: Inventory): NamespaceIsolation[] {
  const model = netpolModel(inv);
  const known = cache.get(model);
  if (known?.pods === inv.pods) return known.rows;
  const rows = new Map<string, NamespaceIsolation>();
  const row = (namespace: string): NamespaceIsolation => {
    let r = rows.get(namespace);
    if (!r) {
      const applying = model.policiesIn(namespace);
      const notUnderstood = applying
        .filter((p): p is CompiledPolicy & { notUnderstood: string } => p.notUnderstood !== undefined)
        .map((p) => `${policyRef(p)}: ${p.notUnderstood}`);
      rows.set(
        namespace,
        (r = {
          namespace,
          policies: 0,
          crdPolicies: crdPolicyCount(applying),
          notUnderstood,
          pods: 0,
          ingressIsolated: 0,
          egressIsolated: 0,
          ...defaultDenyOf(model, namespace),
        }),
      );
    }
    return r;
  };
  for (const ns of inv.namespaces) row(ns.metadata.name);
  for (const p of inv.networkPolicies) row(p.metadata.namespace ?? '').policies++;
  for (const pod of inv.pods) {
    const namespace = pod.metadata.namespace ?? '';
    const r = row(namespace);
    r.pods++;
    const iso = model.isolation(namespace, pod.metadata.labels);
    if (iso.ingress.length) r.ingressIsolated++;
    if (iso.egress.length) r.egressIsolated++;
  }
  const result = [...rows.values()].sort((a, b) => (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : 0));
  cache.set(model, { pods: inv.pods, rows: result });
  return result;
}

/** "3/5 pods isolated for ingress, 0/5 for egress", for evidence. */
export const isolationText = (r: NamespaceIsolation): string =>
  `${r.ingressIsolated}/${r.pods} pods isolated for ingress, ${r.egressIsolated}/${r.pods} for egress`;

/**
 * The result's `network` section (docs/network.md): `{ network }` when a check of the run reads
 * NetworkPolicies, else `{}`; assigned to the ScanResult by src/pipeline/run-scan.ts so reports stay pure
 * functions of it. Fail closed: when policies, pods or namespaces were not fully read the figures
 * are left out with the reason, never shown as if nothing were isolated.
 */
export function networkSection(
  inv: Inventory,
  controls: ScanResult['controls'],
  registry: ReadonlyMap<string, Pick<Check, 'meta'>>,
  /** What was not read of these keys (src/engine/evaluate.ts coverageGaps). */
  gapsOf: (keys: readonly InventoryKey[], inv: Inventory) => string[],
): { network?: NetworkSection } {
  const ran = controls.some((c) => c.checks.some((id) => registry.get(id)?.meta.requires.includes('networkPolicies')));
  if (!ran) return {};
  const unevaluated = unevaluatedTexts(inv);
  const named = unevaluated.length ? { unevaluated } : {};
  // The keys only: the reads that failed, with their reasons, are the report's coverage.
  const unread = NETPOL_SUMMARY_KEYS.filter((key) => gapsOf([key], inv).length);
  if (unread.length) return { network: { notAssessed: `${unread.join(', ')} not fully read (see coverage)`, namespaces: [], ...named } };
  return { network: { namespaces: namespaceIsolation(inv), ...named } };
}

/** The served network-policy kinds kaudit does not evaluate, one sentence each (docs/network.md). */
export const unevaluatedTexts = (inv: Inventory): string[] => (inv.unevaluatedNetworkPolicyKinds ?? []).map(unevaluatedText);

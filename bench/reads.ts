/**
 * What a full scan reads, derived the way src/pipeline/run-scan.ts and src/cluster/collect.ts derive it,
 * so the floor lists exactly the same things: the union of `requires` over the checks of the chosen
 * profiles, then the collector's additions (nodes always, namespaces when a namespaced kind is
 * listed cluster-wide, configz per node for kubelets, kube-system pods for the control plane).
 */
import { FACT_KEYS, type InventoryKey } from '../src/core/inventory.js';
import { isOptionalKey, RESOURCE_KEYS, RESOURCE_TYPES, type ResourceKey } from '../src/core/resources.js';
import { loadCatalog } from '../src/pipeline/registry.js';

/** Every shipped benchmark profile: the scan child passes all of them to --benchmark. */
export function shippedProfileIds(): string[] {
  return loadCatalog().profiles.map((p) => p.id);
}

/** run-scan.ts requiredKeys() for the given profiles, with no --checks/--skip. */
export function requiredKeys(profileIds: readonly string[]): Set<InventoryKey> {
  const { checks, profiles } = loadCatalog();
  const keys = new Set<InventoryKey>();
  for (const p of profiles) {
    if (!profileIds.includes(p.id)) continue;
    for (const s of p.sections)
      for (const c of s.controls) for (const id of c.checks) for (const k of checks.get(id)?.meta.requires ?? []) keys.add(k);
  }
  return keys;
}

export interface PlannedReads {
  /** Resource kinds listed, namespaces first, as collect.ts orders them. */
  resources: ResourceKey[];
  /** GET /api/v1/nodes/{node}/proxy/configz for every node. */
  kubelets: boolean;
  /** Facts the checks asked for (version, kubelets, controlPlane). */
  facts: InventoryKey[];
  /** Optional kinds were wanted: one GET /apis says they are not served (the synthetic cluster serves none). */
  discovery: boolean;
  /**
   * Group versions the collector asks for their resource list: those of wanted optional kinds whose
   * group the server serves anyway (ValidatingAdmissionPolicy shares admissionregistration.k8s.io/v1).
   */
  groupVersions: number;
}

/** collect.ts's resource set for these keys (cluster-wide scan: no -n). */
export function plannedReads(keys: Iterable<InventoryKey>): PlannedReads {
  const wanted = new Set(keys);
  const resources = new Set<ResourceKey>(['nodes']);
  const optional = [...wanted].filter(isOptionalKey);
  for (const k of wanted) if ((RESOURCE_KEYS as readonly string[]).includes(k) && !isOptionalKey(k)) resources.add(k as ResourceKey);
  if ([...resources].some((k) => RESOURCE_TYPES.find((r) => r.key === k)!.namespaced)) resources.add('namespaces');
  const ordered = [...resources].filter((k) => k !== 'namespaces');
  return {
    resources: resources.has('namespaces') ? ['namespaces', ...ordered] : ordered,
    kubelets: wanted.has('kubelets'),
    facts: FACT_KEYS.filter((k) => wanted.has(k)),
    discovery: optional.length > 0,
    groupVersions: new Set(
      RESOURCE_TYPES.filter(
        (r) => r.optional && wanted.has(r.key) && RESOURCE_TYPES.some((b) => !b.optional && b.group === r.group && b.version === r.version),
      ).map((r) => `${r.group}/${r.version}`),
    ).size,
  };
}

/**
 * The most requests the scan may make for a cluster of these sizes: GET /version, one SelfSubjectReview (who the scan runs as), (/apis, and the group versions it
 * lists that may hold optional kinds, when such kinds are wanted), the pages of each
 * list (an empty list is still one page) and one configz per node. More means a read is repeated.
 */
export function requestBudget(plan: PlannedReads, objects: Readonly<Record<string, number>>, pageSize: number): number {
  let budget = (plan.discovery ? 3 : 2) + plan.groupVersions;
  for (const key of plan.resources) budget += Math.max(1, Math.ceil((objects[key] ?? 0) / pageSize));
  if (plan.kubelets) budget += objects.nodes ?? 0;
  return budget;
}

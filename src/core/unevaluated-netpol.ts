/**
 * Network-policy kinds a cluster may serve that kaudit does not evaluate (AdminNetworkPolicy,
 * Antrea, OVN-Kubernetes, Kube-OVN...). They are never listed or read: discovery (or, offline, an
 * object or CRD of such a kind) only names them, so the evidence can say the figures may be wrong both
 * ways: such a policy may isolate pods counted open, or (AdminNetworkPolicy and Antrea tiers are
 * applied before NetworkPolicies) admit traffic they deny. No pod is ever counted isolated on a policy
 * kaudit did not read.
 */
import { RESOURCE_TYPES } from './resources.js';

/** One served kind kaudit does not evaluate (Inventory.unevaluatedNetworkPolicyKinds). */
export interface UnevaluatedKind {
  group: string;
  version: string;
  /** The resource (plural), as discovery lists it. */
  resource: string;
  kind: string;
}

/** Known providers' policy kinds (extend here). Found in discovery at any version the group serves. */
export const UNEVALUATED_NETPOL_TABLE: readonly { group: string; resource: string; kind: string; provider: string }[] = [
  { group: 'policy.networking.k8s.io', resource: 'adminnetworkpolicies', kind: 'AdminNetworkPolicy', provider: 'Kubernetes SIG Network' },
  {
    group: 'policy.networking.k8s.io',
    resource: 'baselineadminnetworkpolicies',
    kind: 'BaselineAdminNetworkPolicy',
    provider: 'Kubernetes SIG Network',
  },
  {
    group: 'policy.networking.k8s.io',
    resource: 'clusternetworkpolicies',
    kind: 'ClusterNetworkPolicy',
    provider: 'Kubernetes SIG Network',
  },
  { group: 'crd.antrea.io', resource: 'networkpolicies', kind: 'NetworkPolicy', provider: 'Antrea' },
  { group: 'crd.antrea.io', resource: 'clusternetworkpolicies', kind: 'ClusterNetworkPolicy', provider: 'Antrea' },
  { group: 'k8s.ovn.org', resource: 'egressfirewalls', kind: 'EgressFirewall', provider: 'OVN-Kubernetes' },
  { group: 'kubeovn.io', resource: 'securitygroups', kind: 'SecurityGroup', provider: 'Kube-OVN' },
  { group: 'networking.gke.io', resource: 'fqdnnetworkpolicies', kind: 'FQDNNetworkPolicy', provider: 'GKE' },
  { group: 'k8s.cni.cncf.io', resource: 'multi-networkpolicies', kind: 'MultiNetworkPolicy', provider: 'Multus' },
];

/** The groups of the table: discovery fetches their resource lists when /apis lists them. */
export const UNEVALUATED_NETPOL_GROUPS: ReadonlySet<string> = new Set(UNEVALUATED_NETPOL_TABLE.map((t) => t.group));

const evaluated = new Set(RESOURCE_TYPES.map((r) => `${r.group}/${r.plural}`));

/**
 * Whether a resource of a discovered group version is a network-policy kind kaudit does not evaluate:
 * a table entry, or (the name rule) any resource named `*networkpolicies` that is not one kaudit reads.
 */
export const isUnevaluatedNetpol = (group: string, resource: string): boolean =>
  !evaluated.has(`${group}/${resource}`) &&
  (UNEVALUATED_NETPOL_TABLE.some((t) => t.group === group && t.resource === resource) || resource.endsWith('networkpolicies'));

/** The table entry for an object's apiVersion and kind (offline manifests: the kind is known from the table). */
export function unevaluatedOf(apiVersion: string, kind: string): UnevaluatedKind | undefined {
  const slash = apiVersion.indexOf('/');
  if (slash < 0) return undefined;
  const group = apiVersion.slice(0, slash);
  const t = UNEVALUATED_NETPOL_TABLE.find((e) => e.group === group && e.kind === kind);
  return t && { group, version: apiVersion.slice(slash + 1), resource: t.resource, kind };
}

/** Adds a kind once per group and resource (the first version seen wins). */
export function noteUnevaluated(list: UnevaluatedKind[], k: UnevaluatedKind): void {
  if (list.some((e) => e.group === k.group && e.resource === k.resource)) return;
  list.push({ group: k.group, version: k.version, resource: k.resource, kind: k.kind });
}

/** By group, then resource: stable output whatever order discovery or the input gave. */
export const sortUnevaluated = (list: UnevaluatedKind[]): UnevaluatedKind[] =>
  list.sort((a, b) => a.group.localeCompare(b.group) || a.resource.localeCompare(b.resource));

/** "AdminNetworkPolicy (policy.networking.k8s.io)". */
export const unevaluatedName = (k: UnevaluatedKind): string => `${k.kind} (${k.group})`;

/** Why a kind not evaluated may overturn a verdict on NetworkPolicies. */
const APPLIED_BEFORE = '(AdminNetworkPolicy and Antrea rules are applied before them)';

/** The evidence sentence for one kind. */
export const unevaluatedText = (k: UnevaluatedKind): string =>
  `${unevaluatedName(k)} is served but not evaluated by kaudit: it may isolate pods counted open here, or admit traffic NetworkPolicies deny ${APPLIED_BEFORE}`;

/**
 * The caveat of a passing network check (CheckMeta.caveat, the reason of its passing control): the
 * pass stands on the policies kaudit read, and the kinds it does not evaluate may admit traffic they
 * deny. Undefined when none is served.
 */
export function unevaluatedCaveat(inv: { readonly unevaluatedNetworkPolicyKinds?: readonly UnevaluatedKind[] }): string | undefined {
  const kinds = inv.unevaluatedNetworkPolicyKinds ?? [];
  if (!kinds.length) return undefined;
  return `passes on NetworkPolicies and Cilium/Calico policies only: ${kinds.map(unevaluatedName).join(', ')} ${kinds.length === 1 ? 'is' : 'are'} served but not evaluated by kaudit, and may admit traffic those policies deny ${APPLIED_BEFORE}`;
}

/** The evidence suffix for the isolation checks: "; X is served but not evaluated…" per kind, or ''. */
export const unevaluatedSuffix = (kinds: readonly UnevaluatedKind[] | undefined): string =>
  (kinds ?? []).map((k) => `; ${unevaluatedText(k)}`).join('');

/** Shape check for a snapshot's entry; the problem, or undefined when it is one. */
export function unevaluatedProblem(value: unknown): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'must be {group, version, resource, kind}';
  const v = value as Record<string, unknown>;
  for (const f of ['group', 'version', 'resource', 'kind'] as const)
    if (typeof v[f] !== 'string' || !v[f]) return `"${f}" must be a non-empty string`;
  if (Object.keys(v).length !== 4) return 'must hold group, version, resource and kind only';
  return undefined;
}

/**
 * The Inventory: a plain, serialisable record of what was read from one source (live cluster,
 * manifests or snapshot). Checks are pure functions of it. Secret values never enter it.
 */
import type {
  ClusterImagePolicy,
  ClusterRole,
  ClusterRoleBinding,
  ConfigMap,
  CronJob,
  DaemonSet,
  Deployment,
  Ingress,
  Job,
  KObject,
  KubeObject,
  Namespace,
  NetworkPolicy,
  Node,
  Pod,
  ReplicaSet,
  Role,
  RoleBinding,
  Secret,
  Service,
  ServiceAccount,
  StatefulSet,
  ValidatingAdmissionPolicyBinding,
  VeleroBackup,
  VeleroSchedule,
} from './k8s.js';
import type { NodeReport } from './node-report.js';
import { isOptionalKey, RESOURCE_KEYS, type OptionalFactKey, type ResourceKey } from './resources.js';
import type { GatekeeperConstraint } from './gatekeeper.js';
import type { UnevaluatedKind } from './unevaluated-netpol.js';

export const INVENTORY_VERSION = 1;

export type SourceType = 'live' | 'manifests' | 'snapshot';

export type Platform = 'eks' | 'gke' | 'aks' | 'k3s' | 'rke2' | 'openshift' | 'kubeadm' | 'unknown';

/** Managed offerings hide the control plane: its controls are not-applicable there. */
export const MANAGED_PLATFORMS: readonly Platform[] = ['eks', 'gke', 'aks'];

export interface ServerVersion {
  major: string;
  minor: string;
  gitVersion: string;
  platform?: string;
}

export const CONTROL_PLANE_COMPONENTS = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd'] as const;
export type ControlPlaneComponent = (typeof CONTROL_PLANE_COMPONENTS)[number];

/** One control-plane component as seen through its static (mirror) pod. */
export interface ComponentInstance {
  component: ControlPlaneComponent;
  /** The pod it was read from, for evidence. */
  pod: { namespace: string; name: string; node?: string };
  /** Parsed `--flag=value` arguments of the component's container (later repeats win; bare flags are 'true'). */
  flags: Record<string, string>;
}

export interface KubeletConfigInfo {
  node: string;
  /** The kubelet's effective KubeletConfiguration (from /configz, or a KubeletConfiguration manifest). */
  config: Record<string, unknown>;
}

/** A read that failed. Its kind's controls cannot pass (fail closed). */
export interface CoverageEntry {
  key: InventoryKey;
  kind: string;
  namespace?: string;
  node?: string;
  /** HTTP status, or null when there was no response (timeout, reset, TLS). */
  status: number | null;
  reason: string;
}

/**
 * Who the scan ran as. live: what the API server answered to a SelfSubjectReview (user name and
 * groups, never a token), or unknown with the reason (refused, not served); offline: no API identity.
 */
export type ScanIdentity =
  { status: 'known'; username: string; groups: string[] } | { status: 'unknown'; reason: string } | { status: 'offline' };

/** Where a manifest object was read: the file as named on the command line (or found under a folder named there), and the 1-based line where its YAML document starts (absent for JSON). */
export interface ObjectSource {
  file: string;
  line?: number;
}

export interface InventorySource {
  type: SourceType;
  context?: string;
  server?: string;
  /** Live scans: who the credentials are (offline sources have none). */
  identity?: ScanIdentity;
  /** Files or stdin for manifests, the snapshot file for snapshots. */
  inputs?: string[];
  collectedAt: string;
  namespaces?: string[];
  excludedNamespaces?: string[];
}

/** The typed kinds, by Inventory key; every other kind is a plain KObject (its fields `unknown`). */
export interface InventoryKinds {
  namespaces: Namespace;
  nodes: Node;
  pods: Pod;
  deployments: Deployment;
  replicaSets: ReplicaSet;
  daemonSets: DaemonSet;
  statefulSets: StatefulSet;
  jobs: Job;
  cronJobs: CronJob;
  serviceAccounts: ServiceAccount;
  roles: Role;
  clusterRoles: ClusterRole;
  roleBindings: RoleBinding;
  clusterRoleBindings: ClusterRoleBinding;
  networkPolicies: NetworkPolicy;
  services: Service;
  ingresses: Ingress;
  configMaps: ConfigMap;
  secrets: Secret;
  validatingAdmissionPolicyBindings: ValidatingAdmissionPolicyBinding;
  clusterImagePolicies: ClusterImagePolicy;
  veleroSchedules: VeleroSchedule;
  veleroBackups: VeleroBackup;
}

/** The object type an Inventory key holds. */
export type KindOf<K extends ResourceKey> = K extends keyof InventoryKinds ? InventoryKinds[K] : KubeObject;

export type ObjectCollections = { [K in ResourceKey]: KindOf<K>[] };

/** Keys a check may require besides the resource kinds. */
export const FACT_KEYS = ['version', 'kubelets', 'controlPlane', 'nodeReports', 'gatekeeperConstraints'] as const;
export type FactKey = (typeof FACT_KEYS)[number];
export type InventoryKey = ResourceKey | FactKey;
export const INVENTORY_KEYS: readonly InventoryKey[] = [...RESOURCE_KEYS, ...FACT_KEYS];

export interface Inventory extends ObjectCollections {
  inventoryVersion: number;
  source: InventorySource;
  version?: ServerVersion;
  platform: Platform;
  /** Control-plane components found as static pods; empty when none were visible. */
  controlPlane: ComponentInstance[];
  kubelets: KubeletConfigInfo[];
  /**
   * What the node agent (`kaudit node`) saw on each node host, newest per node. A node whose report
   * is missing, stale or malformed has a coverage entry (key nodeReports) saying so.
   */
  nodeReports: NodeReport[];
  /**
   * Gatekeeper constraints (every kind of constraints.gatekeeper.sh), as digests: kind, name,
   * enforcementAction and the kinds they match. Served or not as `served.gatekeeperConstraints` says.
   */
  gatekeeperConstraints: GatekeeperConstraint[];
  /**
   * Network-policy kinds the source serves that kaudit does not evaluate (AdminNetworkPolicy, Antrea,
   * OVN-Kubernetes...: src/core/unevaluated-netpol.ts), found by discovery or, offline, from objects
   * and CRDs of such kinds; never listed or read. Named in the network evidence. Empty when none (or
   * when discovery did not run: no check reading NetworkPolicies was selected).
   */
  unevaluatedNetworkPolicyKinds: UnevaluatedKind[];
  /** Keys whose read was attempted; a key absent here was never collected (not-assessed). */
  collected: InventoryKey[];
  /**
   * Optional kinds (resources.ts `optional`) the source serves, by key, with the group version read.
   * An optional key that is collected but not here was not served: no such object exists (no Kyverno
   * installed), a fact, unlike a failed read (coverage) or a key never collected.
   */
  served: Partial<Record<ResourceKey | OptionalFactKey, string>>;
  coverage: CoverageEntry[];
  /**
   * Manifests only: where each object was read, index for index with its collection (a source per
   * object, shared by the findings on it: SARIF locates them at file and line).
   */
  sources?: Partial<Record<ResourceKey, (ObjectSource | undefined)[]>>;
}

export function emptyInventory(source: InventorySource): Inventory {
  const collections = Object.fromEntries(RESOURCE_KEYS.map((k) => [k, [] as KObject[]])) as ObjectCollections;
  return {
    inventoryVersion: INVENTORY_VERSION,
    source,
    platform: 'unknown',
    controlPlane: [],
    kubelets: [],
    nodeReports: [],
    gatekeeperConstraints: [],
    unevaluatedNetworkPolicyKinds: [],
    collected: [],
    served: {},
    coverage: [],
    ...collections,
  };
}

/** What is known of an optional kind (any kind for the built-in ones, which are always served). */
export type ServedState = 'served' | 'not-served' | 'unread';

export function servedState(inv: Inventory, key: ResourceKey | OptionalFactKey): ServedState {
  if (!inv.collected.includes(key) || inv.coverage.some((c) => c.key === key)) return 'unread';
  if (!isOptionalKey(key)) return 'served';
  return inv.served?.[key] !== undefined ? 'served' : 'not-served';
}

export const isSystemNamespace = (ns: string | undefined): boolean =>
  ns !== undefined && (ns.startsWith('kube-') || ns === 'openshift' || ns.startsWith('openshift-'));

/** -n / --exclude-namespace as a predicate on objects; a Namespace object counts as in itself. */
export function namespaceFilter(
  only: string[] | undefined,
  exclude: string[] | undefined,
): (o: { kind: string; metadata: { name: string; namespace?: string } }) => boolean {
  const onlySet = only?.length ? new Set(only) : undefined;
  const excluded = new Set(exclude ?? []);
  return (o) => {
    const ns = o.kind === 'Namespace' ? o.metadata.name : o.metadata.namespace;
    return ns === undefined || (!excluded.has(ns) && (!onlySet || onlySet.has(ns)));
  };
}

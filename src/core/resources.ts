/**
 * The resource table: the one list of Kubernetes kinds kaudit reads. Collection, the loopback API
 * server, offline manifests and the Inventory shape are all driven by it, so a kind is added here once.
 */
export interface ResourceType {
  /** Inventory key (camelCase plural); also what checks name in `requires`. */
  readonly key: ResourceKey;
  readonly kind: string;
  readonly group: string; // '' for the core group
  readonly version: string;
  readonly plural: string;
  readonly namespaced: boolean;
  /** Read through PartialObjectMetadataList: values never leave the API server. */
  readonly metadataOnly?: boolean;
  /**
   * Exists only when a CRD or an API group serves it (Kyverno, Velero, ValidatingAdmissionPolicy on an
   * older server...). Read when discovery lists it; otherwise recorded as not served, which is not a
   * failure: the Inventory's `served` tells "not served" from "served, zero objects".
   */
  readonly optional?: boolean;
  /** Versions also read, in order, when `version` is not served (an older CRD version still in use). */
  readonly altVersions?: readonly string[];
}

export const RESOURCE_KEYS = [
  'namespaces',
  'nodes',
  'pods',
  'deployments',
  'replicaSets',
  'daemonSets',
  'statefulSets',
  'jobs',
  'cronJobs',
  'serviceAccounts',
  'roles',
  'clusterRoles',
  'roleBindings',
  'clusterRoleBindings',
  'networkPolicies',
  'services',
  'ingresses',
  'configMaps',
  'secrets',
  'validatingWebhookConfigurations',
  'mutatingWebhookConfigurations',
  'resourceQuotas',
  'limitRanges',
  'persistentVolumeClaims',
  // Optional kinds (served only with their CRD or API group): see `optional`.
  'validatingAdmissionPolicies',
  'validatingAdmissionPolicyBindings',
  'kyvernoClusterPolicies',
  'kyvernoPolicies',
  'gatekeeperConstraintTemplates',
  'clusterImagePolicies',
  'externalSecrets',
  'secretStores',
  'clusterSecretStores',
  'secretProviderClasses',
  'sealedSecrets',
  'peerAuthentications',
  'veleroSchedules',
  'veleroBackups',
  'vulnerabilityReports',
  'ciliumNetworkPolicies',
  'ciliumClusterwideNetworkPolicies',
  'calicoNetworkPolicies',
  'calicoGlobalNetworkPolicies',
] as const;
export type ResourceKey = (typeof RESOURCE_KEYS)[number];

const t = (
  key: ResourceKey,
  kind: string,
  group: string,
  version: string,
  plural: string,
  namespaced: boolean,
  extra: Partial<ResourceType> = {},
): ResourceType => ({ key, kind, group, version, plural, namespaced, ...extra });
/** An optional kind, its versions in order of preference. */
const o = (
  key: ResourceKey,
  kind: string,
  group: string,
  [version, ...altVersions]: [string, ...string[]],
  plural: string,
  namespaced: boolean,
): ResourceType => t(key, kind, group, version, plural, namespaced, { optional: true, ...(altVersions.length ? { altVersions } : {}) });

export const RESOURCE_TYPES: readonly ResourceType[] = [
  t('namespaces', 'Namespace', '', 'v1', 'namespaces', false),
  t('nodes', 'Node', '', 'v1', 'nodes', false),
  t('pods', 'Pod', '', 'v1', 'pods', true),
  t('deployments', 'Deployment', 'apps', 'v1', 'deployments', true),
  t('replicaSets', 'ReplicaSet', 'apps', 'v1', 'replicasets', true),
  t('daemonSets', 'DaemonSet', 'apps', 'v1', 'daemonsets', true),
  t('statefulSets', 'StatefulSet', 'apps', 'v1', 'statefulsets', true),
  t('jobs', 'Job', 'batch', 'v1', 'jobs', true),
  t('cronJobs', 'CronJob', 'batch', 'v1', 'cronjobs', true),
  t('serviceAccounts', 'ServiceAccount', '', 'v1', 'serviceaccounts', true),
  t('roles', 'Role', 'rbac.authorization.k8s.io', 'v1', 'roles', true),
  t('clusterRoles', 'ClusterRole', 'rbac.authorization.k8s.io', 'v1', 'clusterroles', false),
  t('roleBindings', 'RoleBinding', 'rbac.authorization.k8s.io', 'v1', 'rolebindings', true),
  t('clusterRoleBindings', 'ClusterRoleBinding', 'rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', false),
  t('networkPolicies', 'NetworkPolicy', 'networking.k8s.io', 'v1', 'networkpolicies', true),
  t('services', 'Service', '', 'v1', 'services', true),
  t('ingresses', 'Ingress', 'networking.k8s.io', 'v1', 'ingresses', true),
  t('configMaps', 'ConfigMap', '', 'v1', 'configmaps', true),
  t('secrets', 'Secret', '', 'v1', 'secrets', true, { metadataOnly: true }),
  t(
    'validatingWebhookConfigurations',
    'ValidatingWebhookConfiguration',
    'admissionregistration.k8s.io',
    'v1',
    'validatingwebhookconfigurations',
    false,
  ),
  t(
    'mutatingWebhookConfigurations',
    'MutatingWebhookConfiguration',
    'admissionregistration.k8s.io',
    'v1',
    'mutatingwebhookconfigurations',
    false,
  ),
  t('resourceQuotas', 'ResourceQuota', '', 'v1', 'resourcequotas', true),
  t('limitRanges', 'LimitRange', '', 'v1', 'limitranges', true),
  t('persistentVolumeClaims', 'PersistentVolumeClaim', '', 'v1', 'persistentvolumeclaims', true),
  o(
    'validatingAdmissionPolicies',
    'ValidatingAdmissionPolicy',
    'admissionregistration.k8s.io',
    ['v1', 'v1beta1'],
    'validatingadmissionpolicies',
    false,
  ),
  o(
    'validatingAdmissionPolicyBindings',
    'ValidatingAdmissionPolicyBinding',
    'admissionregistration.k8s.io',
    ['v1', 'v1beta1'],
    'validatingadmissionpolicybindings',
    false,
  ),
  o('kyvernoClusterPolicies', 'ClusterPolicy', 'kyverno.io', ['v1'], 'clusterpolicies', false),
  o('kyvernoPolicies', 'Policy', 'kyverno.io', ['v1'], 'policies', true),
  o('gatekeeperConstraintTemplates', 'ConstraintTemplate', 'templates.gatekeeper.sh', ['v1', 'v1beta1'], 'constrainttemplates', false),
  o('clusterImagePolicies', 'ClusterImagePolicy', 'policy.sigstore.dev', ['v1beta1', 'v1alpha1'], 'clusterimagepolicies', false),
  o('externalSecrets', 'ExternalSecret', 'external-secrets.io', ['v1', 'v1beta1'], 'externalsecrets', true),
  o('secretStores', 'SecretStore', 'external-secrets.io', ['v1', 'v1beta1'], 'secretstores', true),
  o('clusterSecretStores', 'ClusterSecretStore', 'external-secrets.io', ['v1', 'v1beta1'], 'clustersecretstores', false),
  o('secretProviderClasses', 'SecretProviderClass', 'secrets-store.csi.x-k8s.io', ['v1'], 'secretproviderclasses', true),
  o('sealedSecrets', 'SealedSecret', 'bitnami.com', ['v1alpha1'], 'sealedsecrets', true),
  o('peerAuthentications', 'PeerAuthentication', 'security.istio.io', ['v1', 'v1beta1'], 'peerauthentications', true),
  o('veleroSchedules', 'Schedule', 'velero.io', ['v1'], 'schedules', true),
  o('veleroBackups', 'Backup', 'velero.io', ['v1'], 'backups', true),
  o('vulnerabilityReports', 'VulnerabilityReport', 'aquasecurity.github.io', ['v1alpha1'], 'vulnerabilityreports', true),
  o('ciliumNetworkPolicies', 'CiliumNetworkPolicy', 'cilium.io', ['v2'], 'ciliumnetworkpolicies', true),
  o('ciliumClusterwideNetworkPolicies', 'CiliumClusterwideNetworkPolicy', 'cilium.io', ['v2'], 'ciliumclusterwidenetworkpolicies', false),
  o('calicoNetworkPolicies', 'NetworkPolicy', 'crd.projectcalico.org', ['v1'], 'networkpolicies', true),
  o('calicoGlobalNetworkPolicies', 'GlobalNetworkPolicy', 'crd.projectcalico.org', ['v1'], 'globalnetworkpolicies', false),
];

/** The optional kinds: read only when discovery lists them. */
export const OPTIONAL_TYPES: readonly ResourceType[] = RESOURCE_TYPES.filter((r) => r.optional);

/**
 * Gatekeeper constraints have no fixed entry in the table: each ConstraintTemplate adds a kind of its
 * own to this group. The collector lists the group's resources (bounded) and keeps a digest of each
 * constraint (Inventory.gatekeeperConstraints, src/core/gatekeeper.ts); served like an optional kind.
 */
export const CONSTRAINTS_GROUP = 'constraints.gatekeeper.sh';
/** The group's versions kaudit reads, in order of preference. */
export const CONSTRAINT_VERSIONS: readonly string[] = ['v1', 'v1beta1', 'v1alpha1'];
/** Optional keys outside the table: served or not as discovery says. */
export const OPTIONAL_FACT_KEYS = ['gatekeeperConstraints'] as const;
export type OptionalFactKey = (typeof OPTIONAL_FACT_KEYS)[number];

export const isOptionalKey = (key: string): boolean =>
  OPTIONAL_TYPES.some((r) => r.key === key) || (OPTIONAL_FACT_KEYS as readonly string[]).includes(key);

/** The table entry at another (older) served version. */
export const atVersion = (r: ResourceType, version: string): ResourceType => (version === r.version ? r : { ...r, version });

export const apiVersionOf = (r: ResourceType): string => (r.group ? `${r.group}/${r.version}` : r.version);

const byKey = new Map(RESOURCE_TYPES.map((r) => [r.key, r]));
// Kinds are unique within a group only (Calico's NetworkPolicy): without an apiVersion the first entry (the built-in kind) wins.
const byKind = new Map<string, ResourceType>();
const byGroupKind = new Map(RESOURCE_TYPES.map((r) => [`${r.group}/${r.kind}`, r]));
for (const r of RESOURCE_TYPES) if (!byKind.has(r.kind)) byKind.set(r.kind, r);

export function resourceByKey(key: ResourceKey): ResourceType {
  const r = byKey.get(key);
  if (!r) throw new Error(`unknown resource key ${key}`);
  return r;
}

/** The table entry for a kind, matching the group of apiVersion too (so a foreign `Pod` CRD is not taken for a core Pod). */
export function resourceByKind(kind: string, apiVersion?: string): ResourceType | undefined {
  if (apiVersion === undefined) return byKind.get(kind);
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return byGroupKind.get(`${group}/${kind}`);
}

/** Collection path for a resource, cluster-wide or in one namespace. */
export function listPath(r: ResourceType, namespace?: string): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  return r.namespaced && namespace ? `${base}/namespaces/${encodeURIComponent(namespace)}/${r.plural}` : `${base}/${r.plural}`;
}

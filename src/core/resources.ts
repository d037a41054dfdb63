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
] as const;
export type ResourceKey = (typeof RESOURCE_KEYS)[number];

const t = (key: ResourceKey, kind: string, group: string, version: string, plural: string, namespaced: boolean, extra: Partial<ResourceType> = {}): ResourceType => ({ key, kind, group, version, plural, namespaced, ...extra });

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
  t('validatingWebhookConfigurations', 'ValidatingWebhookConfiguration', 'admissionregistration.k8s.io', 'v1', 'validatingwebhookconfigurations', false),
  t('mutatingWebhookConfigurations', 'MutatingWebhookConfiguration', 'admissionregistration.k8s.io', 'v1', 'mutatingwebhookconfigurations', false),
];

export const apiVersionOf = (r: ResourceType): string => (r.group ? `${r.group}/${r.version}` : r.version);

const byKey = new Map(RESOURCE_TYPES.map((r) => [r.key, r]));
const byKind = new Map(RESOURCE_TYPES.map((r) => [r.kind, r]));

export function resourceByKey(key: ResourceKey): ResourceType {
  const r = byKey.get(key);
  if (!r) throw new Error(`unknown resource key ${key}`);
  return r;
}

/** The table entry for a kind, matching the group of apiVersion too (so a foreign `Pod` CRD is not taken for a core Pod). */
export function resourceByKind(kind: string, apiVersion?: string): ResourceType | undefined {
  const r = byKind.get(kind);
  if (!r || apiVersion === undefined) return r;
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return group === r.group ? r : undefined;
}

/** Collection path for a resource, cluster-wide or in one namespace. */
export function listPath(r: ResourceType, namespace?: string): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  return r.namespaced && namespace ? `${base}/namespaces/${encodeURIComponent(namespace)}/${r.plural}` : `${base}/${r.plural}`;
}

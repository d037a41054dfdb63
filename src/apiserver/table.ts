/**
 * meta.k8s.io Table answers (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`), which `kubectl
 * get` asks for: the columns kubectl's printers show for each kind (priority 1 = only with `-o wide`),
 * from what the Inventory keeps. kaudit drops status at entry (pods keep their phase) and
 * creationTimestamp, so columns that come from them read `-` and AGE reads `<unknown>`, as kubectl
 * prints a missing time.
 */
import type { KObject } from '../core/k8s.js';
import { apiVersionOf, type ResourceType } from '../core/resources.js';
import { fieldAt, isRecord } from '../core/shape.js';

interface Column {
  name: string;
  /** 1: only with `-o wide`. */
  priority?: number;
  cell: (o: KObject) => string | number;
}

const UNKNOWN = '-';
const NONE = '<none>';
const age = (): string => '<unknown>';
const joinOr = (values: unknown[], empty = NONE): string => (values.length ? values.join(',') : empty);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const record = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});
const spec = (o: KObject): Record<string, unknown> => record(o.spec);
const status = (o: KObject): Record<string, unknown> => record(o.status);
const countOr1 = (v: unknown): number => (typeof v === 'number' ? v : 1);

/** The pod template spec of a workload (CronJobs nest it in their job template). */
const podSpecOf = (o: KObject): Record<string, unknown> =>
  record(
    o.kind === 'Pod'
      ? o.spec
      : o.kind === 'CronJob'
        ? fieldAt(o.spec, 'jobTemplate', 'spec', 'template', 'spec')
        : fieldAt(o.spec, 'template', 'spec'),
  );
const containers = (o: KObject): Record<string, unknown>[] => list(podSpecOf(o).containers).map(record);
const selector = (o: KObject): string => {
  const s = record(spec(o).selector);
  const labels = Object.entries(record(s.matchLabels ?? (o.kind === 'Service' ? spec(o).selector : undefined))).map(
    ([k, v]) => `${k}=${String(v)}`,
  );
  for (const e of list(s.matchExpressions).map(record))
    labels.push(`${String(e.key)} ${String(e.operator).toLowerCase()} (${list(e.values).join(',')})`);
  return joinOr(labels);
};
const replicas = (o: KObject): string => `${UNKNOWN}/${countOr1(spec(o).replicas)}`;

/** kubectl's short forms of access modes, in its order (GetAccessModesAsString: `RWO,ROX`). */
const ACCESS_MODES: [string, string][] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];
const accessModes = (modes: unknown): string =>
  ACCESS_MODES.filter(([mode]) => list(modes).includes(mode))
    .map(([, short]) => short)
    .join(',');
/** A claim's access modes and capacity are printed once it is bound to a volume (from its status). */
const bound = (o: KObject): boolean => {
  const volume = spec(o).volumeName;
  return typeof volume === 'string' && volume !== '';
};

const NAME: Column = { name: 'Name', cell: (o) => o.metadata.name };
const AGE: Column = { name: 'Age', cell: age };
const WORKLOAD_WIDE: Column[] = [
  { name: 'Containers', priority: 1, cell: (o) => joinOr(containers(o).map((c) => c.name)) },
  { name: 'Images', priority: 1, cell: (o) => joinOr(containers(o).map((c) => c.image)) },
  { name: 'Selector', priority: 1, cell: selector },
];
const bindingSubjects = (kind: string) => (o: KObject) =>
  joinOr(
    list(o.subjects)
      .map(record)
      .filter((s) => s.kind === kind)
      .map((s) => (kind === 'ServiceAccount' ? `${String(s.namespace ?? '')}/${String(s.name)}` : String(s.name))),
    '',
  );
const BINDING: Column[] = [
  NAME,
  { name: 'Role', cell: (o) => `${String(record(o.roleRef).kind)}/${String(record(o.roleRef).name)}` },
  AGE,
  { name: 'Users', priority: 1, cell: bindingSubjects('User') },
  { name: 'Groups', priority: 1, cell: bindingSubjects('Group') },
  { name: 'ServiceAccounts', priority: 1, cell: bindingSubjects('ServiceAccount') },
];
const WEBHOOKS: Column[] = [NAME, { name: 'Webhooks', cell: (o) => list(o.webhooks).length }, AGE];

/** By kind, in kubectl's order (pkg/printers/internalversion). */
const COLUMNS: Record<string, Column[]> = {
  Pod: [
    NAME,
    { name: 'Ready', cell: (o) => `${UNKNOWN}/${containers(o).length}` },
    { name: 'Status', cell: (o) => String(status(o).phase ?? UNKNOWN) },
    { name: 'Restarts', cell: () => UNKNOWN },
    AGE,
    { name: 'IP', priority: 1, cell: () => NONE },
    { name: 'Node', priority: 1, cell: (o) => String(spec(o).nodeName ?? NONE) },
    { name: 'Nominated Node', priority: 1, cell: () => NONE },
    { name: 'Readiness Gates', priority: 1, cell: (o) => joinOr(list(spec(o).readinessGates).map((g) => record(g).conditionType)) },
  ],
  Namespace: [NAME, { name: 'Status', cell: (o) => String(status(o).phase ?? 'Active') }, AGE],
  Node: [
    NAME,
    { name: 'Status', cell: () => UNKNOWN },
    {
      name: 'Roles',
      cell: (o) =>
        joinOr(
          Object.keys(o.metadata.labels ?? {})
            .filter((l) => l.startsWith('node-role.kubernetes.io/'))
            .map((l) => l.slice('node-role.kubernetes.io/'.length)),
        ),
    },
    AGE,
    { name: 'Version', cell: () => UNKNOWN },
  ],
  Deployment: [
    NAME,
    { name: 'Ready', cell: replicas },
    { name: 'Up-to-date', cell: () => UNKNOWN },
    { name: 'Available', cell: () => UNKNOWN },
    AGE,
    ...WORKLOAD_WIDE,
  ],
  ReplicaSet: [
    NAME,
    { name: 'Desired', cell: (o) => countOr1(spec(o).replicas) },
    { name: 'Current', cell: () => UNKNOWN },
    { name: 'Ready', cell: () => UNKNOWN },
    AGE,
    ...WORKLOAD_WIDE,
  ],
  DaemonSet: [
    NAME,
    ...['Desired', 'Current', 'Ready', 'Up-to-date', 'Available'].map((name) => ({ name, cell: () => UNKNOWN })),
    { name: 'Node Selector', cell: (o) => joinOr(Object.entries(record(podSpecOf(o).nodeSelector)).map(([k, v]) => `${k}=${String(v)}`)) },
    AGE,
    ...WORKLOAD_WIDE,
  ],
  StatefulSet: [NAME, { name: 'Ready', cell: replicas }, AGE, ...WORKLOAD_WIDE.slice(0, 2)],
  Job: [
    NAME,
    { name: 'Status', cell: () => UNKNOWN },
    { name: 'Completions', cell: (o) => `${UNKNOWN}/${countOr1(spec(o).completions)}` },
    { name: 'Duration', cell: () => UNKNOWN },
    AGE,
    ...WORKLOAD_WIDE,
  ],
  CronJob: [
    NAME,
    { name: 'Schedule', cell: (o) => String(spec(o).schedule ?? NONE) },
    { name: 'Timezone', cell: (o) => String(spec(o).timeZone ?? NONE) },
    { name: 'Suspend', cell: (o) => (spec(o).suspend === true ? 'True' : 'False') },
    { name: 'Active', cell: () => UNKNOWN },
    { name: 'Last Schedule', cell: () => NONE },
    AGE,
    ...WORKLOAD_WIDE,
  ],
  Service: [
    NAME,
    { name: 'Type', cell: (o) => String(spec(o).type ?? 'ClusterIP') },
    { name: 'Cluster-IP', cell: (o) => String(spec(o).clusterIP ?? NONE) },
    { name: 'External-IP', cell: (o) => joinOr(list(spec(o).externalIPs)) },
    {
      name: 'Port(s)',
      cell: (o) =>
        joinOr(
          list(spec(o).ports)
            .map(record)
            .map((p) => `${String(p.port)}${p.nodePort ? `:${String(p.nodePort)}` : ''}/${String(p.protocol ?? 'TCP')}`),
        ),
    },
    AGE,
    { name: 'Selector', priority: 1, cell: (o) => joinOr(Object.entries(record(spec(o).selector)).map(([k, v]) => `${k}=${String(v)}`)) },
  ],
  ServiceAccount: [NAME, { name: 'Secrets', cell: (o) => list(o.secrets).length }, AGE],
  ConfigMap: [NAME, { name: 'Data', cell: (o) => list(o.dataKeys).length }, AGE],
  Secret: [NAME, { name: 'Type', cell: (o) => String(o.type ?? 'Opaque') }, { name: 'Data', cell: (o) => list(o.dataKeys).length }, AGE],
  Role: [NAME, { name: 'Created At', cell: age }],
  ClusterRole: [NAME, { name: 'Created At', cell: age }],
  RoleBinding: BINDING,
  ClusterRoleBinding: BINDING,
  NetworkPolicy: [
    NAME,
    { name: 'Pod-Selector', cell: (o) => selector({ ...o, spec: { selector: spec(o).podSelector } }).replace(NONE, '') },
    AGE,
  ],
  Ingress: [
    NAME,
    { name: 'Class', cell: (o) => String(spec(o).ingressClassName ?? NONE) },
    { name: 'Hosts', cell: (o) => joinOr(list(spec(o).rules).map((r) => record(r).host ?? '*')) },
    { name: 'Address', cell: () => '' },
    { name: 'Ports', cell: (o) => (list(spec(o).tls).length ? '80, 443' : '80') },
    AGE,
  ],
  ValidatingWebhookConfiguration: WEBHOOKS,
  MutatingWebhookConfiguration: WEBHOOKS,
  PersistentVolumeClaim: [
    NAME,
    { name: 'Status', cell: (o) => String(status(o).phase ?? 'Pending') },
    { name: 'Volume', cell: (o) => String(spec(o).volumeName ?? '') },
    { name: 'Capacity', cell: (o) => (bound(o) ? String(record(status(o).capacity).storage ?? '') : '') },
    { name: 'Access Modes', cell: (o) => (bound(o) ? accessModes(status(o).accessModes) : '') },
    {
      name: 'StorageClass',
      cell: (o) => String(spec(o).storageClassName ?? o.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? ''),
    },
    { name: 'VolumeAttributesClass', cell: (o) => String(spec(o).volumeAttributesClassName ?? '<unset>') },
    AGE,
    { name: 'VolumeMode', priority: 1, cell: (o) => String(spec(o).volumeMode ?? '<unset>') },
  ],
};

const META_GROUP_VERSION = 'meta.k8s.io/v1';

/** `includeObject` as the real server reads it: None, Metadata (the default) or Object. */
function rowObject(o: KObject, include: string | undefined, type: ResourceType): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return { ...o, apiVersion: apiVersionOf(type), kind: type.kind };
  return { kind: 'PartialObjectMetadata', apiVersion: META_GROUP_VERSION, metadata: o.metadata };
}

/** The Table of `objects` (one page); `listMeta` carries resourceVersion and continue. */
export function tableOf(
  type: ResourceType,
  objects: readonly KObject[],
  listMeta: Record<string, unknown>,
  includeObject: string | undefined,
  tableVersion: string,
): Record<string, unknown> {
  const columns = COLUMNS[type.kind] ?? [NAME, AGE];
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${tableVersion}`,
    metadata: listMeta,
    columnDefinitions: columns.map((c) => ({
      name: c.name,
      type: 'string',
      format: c.name === 'Name' ? 'name' : '',
      description: c.name,
      priority: c.priority ?? 0,
    })),
    rows: objects.map((o) => {
      const object = rowObject(o, includeObject, type);
      return { cells: columns.map((c) => c.cell(o)), ...(object ? { object } : {}) };
    }),
  };
}

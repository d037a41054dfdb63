/**
 * The slices of Kubernetes object shapes that kaudit reads. Objects stay plain JSON as the API
 * server sent them (minus what sanitize.ts drops); these types only name the fields we use.
 */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  creationTimestamp?: string;
  [key: string]: unknown;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid?: string;
  controller?: boolean;
}

/**
 * An object as it arrives, before anything is known of its kind (sanitizing, the loopback API
 * server, decoding): fields other than these three are `unknown`, read through isRecord or the
 * accessors of shape.ts (fieldAt, listAt, textAt). Checks read the Inventory's objects, which are
 * `KubeObject`s.
 */
export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

/**
 * An object in the Inventory: the typed kinds below extend it, and an optional kind (a CRD) is one.
 * A field its type does not name is `unknown`: narrow it before use.
 */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

export interface SecurityContext {
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  runAsNonRoot?: boolean;
  runAsUser?: number;
  runAsGroup?: number;
  readOnlyRootFilesystem?: boolean;
  procMount?: string;
  capabilities?: { add?: string[]; drop?: string[] };
  seccompProfile?: { type?: string; localhostProfile?: string };
  appArmorProfile?: { type?: string; localhostProfile?: string };
  seLinuxOptions?: { type?: string; user?: string; role?: string; level?: string };
  windowsOptions?: { hostProcess?: boolean };
  [key: string]: unknown;
}

export interface EnvVar {
  name: string;
  value?: string;
  /** Set by sanitize.ts in place of `value`: the shape of the literal, never the literal itself. */
  valueRedacted?: RedactedValue;
  valueFrom?: {
    secretKeyRef?: { name?: string; key?: string; optional?: boolean };
    configMapKeyRef?: { name?: string; key?: string };
    fieldRef?: unknown;
    resourceFieldRef?: unknown;
  };
}

export interface RedactedValue {
  length: number;
  /** What the literal looks like, decided without storing it (see sanitize.ts classifyLiteral). */
  /** 'env-reference': the value is built from $(OTHER_VAR) references, so it holds no literal credential itself. */
  shape:
    | 'empty'
    | 'plain'
    | 'env-reference'
    | 'high-entropy'
    | 'private-key'
    | 'jwt'
    | 'aws-access-key'
    | 'url-with-credentials'
    | 'bearer-token'
    | 'github-token'
    | 'slack-webhook';
}

export interface Container {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  envFrom?: { secretRef?: { name?: string }; configMapRef?: { name?: string }; prefix?: string }[];
  ports?: { containerPort?: number; hostPort?: number; hostIP?: string; protocol?: string; name?: string }[];
  securityContext?: SecurityContext;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  livenessProbe?: Record<string, unknown>;
  readinessProbe?: Record<string, unknown>;
  startupProbe?: Record<string, unknown>;
  lifecycle?: Record<string, unknown>;
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
  [key: string]: unknown;
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  ephemeralContainers?: Container[];
  volumes?: { name: string; [type: string]: unknown }[];
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  hostUsers?: boolean;
  serviceAccountName?: string;
  automountServiceAccountToken?: boolean;
  nodeName?: string;
  os?: { name?: string };
  securityContext?: SecurityContext & {
    sysctls?: { name: string; value: string }[];
    supplementalGroups?: number[];
    fsGroup?: number;
  };
  [key: string]: unknown;
}

/** A pod template as workloads carry it. */
export interface PodTemplate {
  metadata?: Partial<ObjectMeta>;
  spec?: PodSpec;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/*
 * The kinds of the Inventory, by key (see InventoryKinds in inventory.ts). Each is a KObject whose
 * fields kaudit reads are named; anything else stays `unknown` and must be narrowed before use.
 * `spec` is optional everywhere: a manifest may omit it, and checks must not assume it.
 */
export interface Pod extends KubeObject {
  spec?: PodSpec;
  status?: { phase?: string; [key: string]: unknown };
}

export interface Deployment extends KubeObject {
  spec?: { replicas?: number; selector?: LabelSelector; template?: PodTemplate; paused?: boolean; [key: string]: unknown };
}
export interface ReplicaSet extends KubeObject {
  spec?: { replicas?: number; selector?: LabelSelector; template?: PodTemplate; [key: string]: unknown };
}
export interface DaemonSet extends KubeObject {
  spec?: { selector?: LabelSelector; template?: PodTemplate; [key: string]: unknown };
}
export interface StatefulSet extends KubeObject {
  spec?: { replicas?: number; selector?: LabelSelector; template?: PodTemplate; [key: string]: unknown };
}
export interface Job extends KubeObject {
  spec?: { selector?: LabelSelector; template?: PodTemplate; [key: string]: unknown };
}
export interface CronJob extends KubeObject {
  spec?: {
    schedule?: string;
    suspend?: boolean;
    jobTemplate?: { metadata?: Partial<ObjectMeta>; spec?: { template?: PodTemplate; [key: string]: unknown } };
    [key: string]: unknown;
  };
}
/** The kinds with a pod template (`spec.template`, or `spec.jobTemplate.spec.template` for CronJob). */
export type Workload = Deployment | ReplicaSet | DaemonSet | StatefulSet | Job | CronJob;

/** The pod template of a workload, wherever its kind keeps it. */
export const podTemplateOf = (w: Workload): PodTemplate | undefined =>
  w.kind === 'CronJob' ? (w as CronJob).spec?.jobTemplate?.spec?.template : (w as Deployment).spec?.template;

export interface Namespace extends KubeObject {
  status?: { phase?: string; [key: string]: unknown };
}

export interface Node extends KubeObject {
  spec?: {
    providerID?: string;
    unschedulable?: boolean;
    taints?: { key: string; value?: string; effect: string }[];
    [key: string]: unknown;
  };
  status?: {
    nodeInfo?: {
      kubeletVersion?: string;
      containerRuntimeVersion?: string;
      kernelVersion?: string;
      osImage?: string;
      operatingSystem?: string;
      architecture?: string;
      [key: string]: unknown;
    };
    addresses?: { type: string; address: string }[];
    [key: string]: unknown;
  };
}

export interface ServiceAccount extends KubeObject {
  automountServiceAccountToken?: boolean;
  secrets?: { name?: string; namespace?: string }[];
  imagePullSecrets?: { name?: string }[];
}

export interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  verbs: string[];
  nonResourceURLs?: string[];
}
export interface Role extends KubeObject {
  rules?: PolicyRule[];
}
export interface ClusterRole extends KubeObject {
  rules?: PolicyRule[];
  aggregationRule?: { clusterRoleSelectors?: LabelSelector[] };
}

export interface RoleSubject {
  kind: string;
  name: string;
  namespace?: string;
  apiGroup?: string;
}
export interface RoleRef {
  apiGroup: string;
  kind: string;
  name: string;
}
export interface RoleBinding extends KubeObject {
  subjects?: RoleSubject[];
  roleRef?: RoleRef;
}
export interface ClusterRoleBinding extends KubeObject {
  subjects?: RoleSubject[];
  roleRef?: RoleRef;
}

export interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}
export interface NetworkPolicyPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}
export interface NetworkPolicy extends KubeObject {
  spec?: {
    podSelector?: LabelSelector;
    policyTypes?: string[];
    ingress?: { from?: NetworkPolicyPeer[]; ports?: NetworkPolicyPort[] }[];
    egress?: { to?: NetworkPolicyPeer[]; ports?: NetworkPolicyPort[] }[];
  };
}

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
  protocol?: string;
}
export interface Service extends KubeObject {
  spec?: {
    type?: string;
    selector?: Record<string, string>;
    externalIPs?: string[];
    loadBalancerSourceRanges?: string[];
    ports?: ServicePort[];
    [key: string]: unknown;
  };
}

export interface Ingress extends KubeObject {
  spec?: {
    ingressClassName?: string;
    tls?: { hosts?: string[]; secretName?: string }[];
    rules?: { host?: string; http?: { paths?: { path?: string; pathType?: string; backend?: unknown }[] } }[];
    [key: string]: unknown;
  };
}

/** A Secret as kaudit keeps it (sanitize.ts): metadata, type and the names of its keys, never data. */
export interface Secret extends KubeObject {
  type?: string;
  /** The keys of `data` and `stringData`, sorted. */
  dataKeys?: string[];
}

/** A credential-looking ConfigMap entry, judged when the object entered the Inventory (config-credentials.ts). */
export interface CredentialVerdict {
  /** The ConfigMap data key. */
  key: string;
  /** 'shape': the value is credential-shaped; 'name': the key names a credential and the value is a literal; 'line-shape' / 'line-name': inside a file value. */
  kind: 'shape' | 'name' | 'line-shape' | 'line-name';
  /** The shape id (private-key, jwt...) or the credential word of the name (password, api_key...). Never cluster text. */
  match: string;
  /** 1-based line of a file value. */
  line?: number;
}

/**
 * A ConfigMap as kaudit keeps it (sanitize.ts): the names of its keys, the kept settings of
 * well-known system components, and the verdicts on credential-looking entries; never other values.
 */
export interface ConfigMap extends KubeObject {
  dataKeys?: string[];
  /** Kept settings, `settings[key][field]` (sanitize-settings.ts). */
  settings?: Record<string, Record<string, unknown>>;
  credentialVerdicts?: CredentialVerdict[];
}

/** Velero (velero.io/v1): the fields the backup checks read. */
export interface VeleroSchedule extends KubeObject {
  spec?: {
    paused?: boolean;
    schedule?: string;
    template?: { includedNamespaces?: string[]; [key: string]: unknown };
    [key: string]: unknown;
  };
}
export interface VeleroBackup extends KubeObject {
  status?: { phase?: string; completionTimestamp?: string; [key: string]: unknown };
}

export interface ValidatingAdmissionPolicyBinding extends KubeObject {
  spec?: { policyName?: string; validationActions?: string[]; [key: string]: unknown };
}

/** Sigstore policy-controller (policy.sigstore.dev). */
export interface ClusterImagePolicy extends KubeObject {
  spec?: { mode?: string; [key: string]: unknown };
}

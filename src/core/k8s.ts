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

export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [key: string]: any;
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

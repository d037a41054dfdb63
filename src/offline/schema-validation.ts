/**
 * Objects read from files (manifests, snapshots) are checked against the Kubernetes OpenAPI schema of
 * their kind before anything judges them: the API server would have refused an object whose
 * `capabilities.add` is a string or whose RoleBinding `subjects` is a mapping, so kaudit refuses it
 * too (exit 2, naming the field) instead of passing it or putting a check in error.
 *
 * The validators come from `kubernetes-models` (one package per the Kubernetes OpenAPI document,
 * schemas of Kubernetes 1.34): each is ajv standalone code generated ahead of time from the official
 * schema, so nothing is compiled at run time (about 0.1 s to import all of them, a few microseconds a
 * pod). Only the kinds of kaudit's resource table are validated; live objects never are (the API
 * server has already validated them).
 */
import type { KObject } from '../core/k8s.js';
import type { ResourceKey } from '../core/resources.js';
import { mustExist } from '../core/errors.js';
import { validate as namespaces } from 'kubernetes-models/_schemas/IoK8sApiCoreV1Namespace';
import { validate as nodes } from 'kubernetes-models/_schemas/IoK8sApiCoreV1Node';
import { validate as pods } from 'kubernetes-models/_schemas/IoK8sApiCoreV1Pod';
import { validate as deployments } from 'kubernetes-models/_schemas/IoK8sApiAppsV1Deployment';
import { validate as replicaSets } from 'kubernetes-models/_schemas/IoK8sApiAppsV1ReplicaSet';
import { validate as daemonSets } from 'kubernetes-models/_schemas/IoK8sApiAppsV1DaemonSet';
import { validate as statefulSets } from 'kubernetes-models/_schemas/IoK8sApiAppsV1StatefulSet';
import { validate as jobs } from 'kubernetes-models/_schemas/IoK8sApiBatchV1Job';
import { validate as cronJobs } from 'kubernetes-models/_schemas/IoK8sApiBatchV1CronJob';
import { validate as serviceAccounts } from 'kubernetes-models/_schemas/IoK8sApiCoreV1ServiceAccount';
import { validate as roles } from 'kubernetes-models/_schemas/IoK8sApiRbacV1Role';
import { validate as clusterRoles } from 'kubernetes-models/_schemas/IoK8sApiRbacV1ClusterRole';
import { validate as roleBindings } from 'kubernetes-models/_schemas/IoK8sApiRbacV1RoleBinding';
import { validate as clusterRoleBindings } from 'kubernetes-models/_schemas/IoK8sApiRbacV1ClusterRoleBinding';
import { validate as networkPolicies } from 'kubernetes-models/_schemas/IoK8sApiNetworkingV1NetworkPolicy';
import { validate as services } from 'kubernetes-models/_schemas/IoK8sApiCoreV1Service';
import { validate as ingresses } from 'kubernetes-models/_schemas/IoK8sApiNetworkingV1Ingress';
import { validate as configMaps } from 'kubernetes-models/_schemas/IoK8sApiCoreV1ConfigMap';
import { validate as secrets } from 'kubernetes-models/_schemas/IoK8sApiCoreV1Secret';
import { validate as validatingWebhookConfigurations } from 'kubernetes-models/_schemas/IoK8sApiAdmissionregistrationV1ValidatingWebhookConfiguration';
import { validate as mutatingWebhookConfigurations } from 'kubernetes-models/_schemas/IoK8sApiAdmissionregistrationV1MutatingWebhookConfiguration';
import { validate as persistentVolumeClaims } from 'kubernetes-models/_schemas/IoK8sApiCoreV1PersistentVolumeClaim';

/** An ajv error as the generated validators report it. */
interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}
type Validator = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };

/** The one validator per kind of the resource table (a kind added there without one fails the type check). */
const VALIDATORS: Record<ResourceKey, Validator> = {
  namespaces,
  nodes,
  pods,
  deployments,
  replicaSets,
  daemonSets,
  statefulSets,
  jobs,
  cronJobs,
  serviceAccounts,
  roles,
  clusterRoles,
  roleBindings,
  clusterRoleBindings,
  networkPolicies,
  services,
  ingresses,
  configMaps,
  secrets,
  validatingWebhookConfigurations,
  mutatingWebhookConfigurations,
  persistentVolumeClaims,
} as Record<ResourceKey, Validator>;

/**
 * What is wrong with `obj` for the schema of its kind: a value of the wrong type, outside an enum or of
 * the wrong format ("spec.containers[0].securityContext.capabilities.add:
 * must be a list"), or undefined. `kind`/`apiVersion` are the table's (a manifest may differ only in
 * the version of a group kaudit reads, which resourceByKind accepted).
 */
export function schemaProblem(key: ResourceKey, obj: KObject, apiVersion: string): string | undefined {
  const validate = VALIDATORS[key];
  if (!validate) return undefined; // a kind another change added to the table without a schema yet
  // status is the server's to write (it ignores a status in what is applied), so only the rest is judged.
  const { status: _status, ...judged } = obj;
  if (validate({ ...judged, apiVersion })) return undefined;
  // A missing required field is not refused: kaudit judges what is there (a Deployment without a
  // selector, an owner reference without a uid), and the checks say what is missing.
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'required');
  return errors.length ? describe(mostTelling(errors)) : undefined;
}

/**
 * The error to show for the first failing field. A field that may be one of several things (a
 * quantity is a string of a format, or a number) fails every branch: the format is what a user meant
 * to write, and several types read as "a string or an integer".
 */
function mostTelling(errors: SchemaError[]): SchemaError {
  const first = mustExist(errors[0], 'a schema error');
  const at = first.instancePath;
  const here = errors.filter((e) => e.instancePath === at && e.keyword !== 'oneOf' && e.keyword !== 'anyOf');
  const format = here.find((e) => e.keyword === 'format');
  if (format) return format;
  const types = here.filter((e) => e.keyword === 'type');
  const [firstType] = types;
  if (firstType && types.length > 1) return { ...firstType, params: { type: types.map((t) => t.params.type).join(',') } };
  return here[0] ?? first;
}

/** `/spec/containers/0/name` -> `spec.containers[0].name` (JSON Pointer escapes undone). */
export function fieldPath(pointer: string): string {
  let path = '';
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path += /^\d+$/.test(part)
      ? `[${part}]`
      : /^[A-Za-z_][A-Za-z0-9_]*$/.test(part)
        ? path
          ? `.${part}`
          : part
        : `[${JSON.stringify(part)}]`;
  }
  return path;
}

const TYPE_NAMES: Record<string, string> = {
  array: 'a list',
  object: 'a mapping',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
};

const FORMAT_NAMES: Record<string, string> = {
  quantity: 'a quantity (such as 500m, 128Mi or 2)',
  byte: 'base64 data',
  'int-or-string': 'an integer or a string',
  'date-time': 'an RFC 3339 time',
};

function describe(e: SchemaError): string {
  const at = fieldPath(e.instancePath);
  switch (e.keyword) {
    case 'type':
      return `${at || '(the object)'}: must be ${String(e.params.type)
        .split(',')
        .map((t) => TYPE_NAMES[t] ?? t)
        .join(' or ')}`;
    case 'enum':
      return `${at}: must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'format':
      return `${at}: must be ${FORMAT_NAMES[String(e.params.format)] ?? `a valid ${String(e.params.format)}`}`;
    default:
      return `${at || '(the object)'}: does not match the schema (${e.keyword})`;
  }
}

/**
 * What the secret- checks share: which Secrets are service-account tokens or managed by a tool,
 * and which Secrets pods, service accounts and ingresses reference. Secrets are read metadata-only:
 * `type` is known from manifests and snapshots of them, not from a live cluster, so the
 * annotations Kubernetes writes are used too.
 */
import type { Inventory, InventoryKey } from '../../src/core/inventory.js';
import type { KObject, PodSpec } from '../../src/core/k8s.js';
import { containersOf, podSpecSubjects, POD_SPEC_KEYS } from './workloads.js';

export const SA_TOKEN_TYPE = 'kubernetes.io/service-account-token';
export const SA_NAME_ANNOTATION = 'kubernetes.io/service-account.name';
/** Set by the API server (1.29+) on legacy tokens: the date of last use, and since when a token is invalid. */
export const LEGACY_LAST_USED_LABEL = 'kubernetes.io/legacy-token-last-used';
export const LEGACY_INVALID_SINCE_LABEL = 'kubernetes.io/legacy-token-invalid-since';

export const isServiceAccountToken = (s: KObject): boolean =>
  s.type === SA_TOKEN_TYPE || typeof s.metadata.annotations?.[SA_NAME_ANNOTATION] === 'string';

export const BOOTSTRAP_TOKEN_TYPE = 'bootstrap.kubernetes.io/token';
export const BOOTSTRAP_TOKEN_PREFIX = 'bootstrap-token-';

/** A bootstrap token Secret, by its type (manifests) or its name (metadata-only lists carry no type). */
export const isBootstrapToken = (s: KObject): boolean =>
  s.type === BOOTSTRAP_TOKEN_TYPE || s.metadata.name.startsWith(BOOTSTRAP_TOKEN_PREFIX);

/** Helm release records and bootstrap tokens: state of a tool, not credentials an application mounts. */
export const isToolState = (s: KObject): boolean =>
  s.metadata.labels?.owner === 'helm' ||
  s.metadata.name.startsWith('sh.helm.release.') ||
  s.type === 'helm.sh/release.v1' ||
  isBootstrapToken(s);

/** Rotated in place by a controller (cert-manager, External Secrets): creationTimestamp says nothing of the data's age. */
export const isRotatedByController = (s: KObject): boolean =>
  Object.keys(s.metadata.annotations ?? {}).some(
    (a) => a.startsWith('cert-manager.io/') || a.startsWith('reconcile.external-secrets.io/'),
  ) || (s.metadata.ownerReferences ?? []).some((o) => o.kind === 'ExternalSecret' || o.kind === 'Certificate' || o.kind === 'SealedSecret');

export const SECRET_REFERENCE_KEYS: readonly InventoryKey[] = [...POD_SPEC_KEYS, 'serviceAccounts', 'ingresses'];

const names = (list: unknown, field = 'name'): string[] =>
  Array.isArray(list)
    ? list
        .map((x) => (x && typeof x === 'object' ? (x as Record<string, unknown>)[field] : undefined))
        .filter((n): n is string => typeof n === 'string')
    : [];

function podSpecSecretNames(spec: PodSpec, subject: { spec: PodSpec; specPath: string }): string[] {
  const out = names(spec.imagePullSecrets);
  type Volume = {
    secret?: { secretName?: unknown };
    projected?: { sources?: unknown };
    csi?: { nodePublishSecretRef?: { name?: unknown } };
  } | null;
  for (const v of (spec.volumes ?? []) as Volume[]) {
    if (typeof v?.secret?.secretName === 'string') out.push(v.secret.secretName);
    const sources = (Array.isArray(v?.projected?.sources) ? v.projected.sources : []) as ({ secret?: { name?: unknown } } | null)[];
    for (const source of sources) if (typeof source?.secret?.name === 'string') out.push(source.secret.name);
    if (typeof v?.csi?.nodePublishSecretRef?.name === 'string') out.push(v.csi.nodePublishSecretRef.name);
  }
  for (const { container } of containersOf(subject)) {
    for (const env of container.env ?? [])
      if (typeof env?.valueFrom?.secretKeyRef?.name === 'string') out.push(env.valueFrom.secretKeyRef.name);
    for (const from of container.envFrom ?? []) if (typeof from?.secretRef?.name === 'string') out.push(from.secretRef.name);
  }
  return out;
}

/** `namespace/name` of every Secret referenced by a pod spec, a ServiceAccount or an Ingress. */
export function referencedSecrets(inv: Inventory): Set<string> {
  const refs = new Set<string>();
  const add = (namespace: string | undefined, name: string) => refs.add(`${namespace ?? ''}/${name}`);
  for (const s of podSpecSubjects(inv)) for (const n of podSpecSecretNames(s.spec, s)) add(s.object.metadata.namespace, n);
  for (const sa of inv.serviceAccounts)
    for (const n of [...names(sa.secrets), ...names(sa.imagePullSecrets)]) add(sa.metadata.namespace, n);
  for (const ing of inv.ingresses) for (const n of names(ing.spec?.tls, 'secretName')) add(ing.metadata.namespace, n);
  return refs;
}

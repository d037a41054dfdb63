/**
 * Service-account resolution shared by the sa- checks: which account a pod spec runs as, whether
 * its token is mounted (pod setting, else the ServiceAccount's, else true), and which accounts
 * RBAC bindings grant anything to.
 */
import type { Inventory, InventoryKey } from '../../src/core/inventory.js';
import type { KObject, PodSpec } from '../../src/core/k8s.js';
import { isMirrorPod } from '../../src/core/platform.js';
import { subjectNamespace, subjectsOf } from './rbac-index.js';

/** Inventory keys the helpers below read (besides the pod specs themselves). */
export const SERVICE_ACCOUNT_KEYS: readonly InventoryKey[] = ['serviceAccounts', 'roleBindings', 'clusterRoleBindings'];

/** Label Kubernetes puts on the RBAC objects it creates at bootstrap. */
const BOOTSTRAP_LABEL = 'kubernetes.io/bootstrapping';

/** The account a pod spec runs as: serviceAccountName, else the deprecated serviceAccount, else default. */
export function serviceAccountNameOf(spec: PodSpec): string {
  const named = spec.serviceAccountName || (typeof spec.serviceAccount === 'string' ? spec.serviceAccount : '');
  return named || 'default';
}

/** Key of an account: namespace/name (namespace '' for manifests without one). */
export const saKey = (namespace: string | undefined, name: string): string => `${namespace ?? ''}/${name}`;

/** ServiceAccounts by saKey. */
export function serviceAccountIndex(inv: Inventory): Map<string, KObject> {
  return new Map(inv.serviceAccounts.map((sa) => [saKey(sa.metadata.namespace, sa.metadata.name), sa]));
}

export interface TokenMount {
  mounted: boolean;
  /** Where the decision came from: a mirror pod (never a token), the pod spec, the ServiceAccount, or the API default (true). */
  source: 'mirror' | 'pod' | 'serviceAccount' | 'default';
}

/**
 * Whether the API server mounts a token into the pods of a subject (a workload or a pod): never for
 * a mirror pod; else pod.spec.automountServiceAccountToken wins over the ServiceAccount's.
 */
export function tokenMount(subject: { object: KObject; spec: PodSpec }, serviceAccount: KObject | undefined): TokenMount {
  if (isMirrorPod(subject.object)) return { mounted: false, source: 'mirror' };
  const { spec } = subject;
  if (typeof spec.automountServiceAccountToken === 'boolean') return { mounted: spec.automountServiceAccountToken, source: 'pod' };
  const fromSa: unknown = serviceAccount?.automountServiceAccountToken;
  if (typeof fromSa === 'boolean') return { mounted: fromSa, source: 'serviceAccount' };
  return { mounted: true, source: 'default' };
}

/**
 * Decides whether any RoleBinding or ClusterRoleBinding grants a role to an account: a
 * ServiceAccount subject naming it, the group system:serviceaccounts:<namespace>, or the group
 * system:serviceaccounts in a binding that is not one of Kubernetes' bootstrap defaults (those
 * bind the group only for service-account issuer discovery, which every account gets anyway).
 */
export function rbacBindingIndex(inv: Inventory): (namespace: string | undefined, name: string) => boolean {
  const accounts = new Set<string>();
  const groupNamespaces = new Set<string>();
  let allAccounts = false;
  for (const binding of [...inv.roleBindings, ...inv.clusterRoleBindings]) {
    const bootstrap = binding.metadata.labels?.[BOOTSTRAP_LABEL] === 'rbac-defaults';
    for (const s of subjectsOf(binding)) {
      if (s.kind === 'ServiceAccount') accounts.add(saKey(subjectNamespace(binding, s), s.name));
      else if (s.kind === 'Group' && s.name === 'system:serviceaccounts' && !bootstrap) allAccounts = true;
      else if (s.kind === 'Group' && s.name?.startsWith('system:serviceaccounts:'))
        groupNamespaces.add(s.name.slice('system:serviceaccounts:'.length));
    }
  }
  return (namespace, name) => allAccounts || accounts.has(saKey(namespace, name)) || groupNamespaces.has(namespace ?? '');
}

/**
 * Who a binding subject is, as the authenticator names it, and which groups it belongs to.
 *
 * - A ServiceAccount subject and a User subject named `system:serviceaccount:NS:NAME` are one
 *   identity: the token of ServiceAccount NS/NAME authenticates as that user name.
 * - Every service account is in the groups `system:serviceaccounts`, `system:serviceaccounts:NS` and
 *   `system:authenticated`; every authenticated user in `system:authenticated`; `system:anonymous`
 *   in `system:unauthenticated`. A binding to a group grants its rules to each member. Other group
 *   memberships of users come from the authenticator (certificates, OIDC) and are not visible here.
 * - A ServiceAccount subject without a namespace in a ClusterRoleBinding names nobody.
 */
import { type RbacIndex, type SubjectBinding, subjectNamespace } from './rbac-index.js';
import { scanCache } from '../../src/core/scan-cache.js';

export type IdentityKind = 'User' | 'Group' | 'ServiceAccount';

export interface Identity {
  kind: IdentityKind;
  name: string;
  /** ServiceAccounts only. */
  namespace?: string;
  /** User/<name>, Group/<name> or ServiceAccount/<namespace>/<name>: the form skip patterns match. */
  key: string;
}

export const SA_USER_PREFIX = 'system:serviceaccount:';
export const AUTHENTICATED = 'system:authenticated';
export const UNAUTHENTICATED = 'system:unauthenticated';
export const ANONYMOUS = 'system:anonymous';

export function serviceAccountIdentity(namespace: string, name: string): Identity {
  return { kind: 'ServiceAccount', namespace, name, key: `ServiceAccount/${namespace}/${name}` };
}

export const userIdentity = (name: string): Identity | undefined => identityOf('User', name);
export const groupIdentity = (name: string): Identity => ({ kind: 'Group', name, key: `Group/${name}` });

/** A subject kind and name (and namespace for ServiceAccounts) as one identity, or undefined when it names nobody. */
export function identityOf(kind: string, name: string, namespace?: string): Identity | undefined {
  if (!name) return undefined;
  if (kind === 'ServiceAccount') return namespace ? serviceAccountIdentity(namespace, name) : undefined;
  if (kind === 'Group') return groupIdentity(name);
  if (kind !== 'User') return undefined;
  if (name.startsWith(SA_USER_PREFIX)) {
    const [ns, sa, ...rest] = name.slice(SA_USER_PREFIX.length).split(':');
    if (ns && sa && !rest.length) return serviceAccountIdentity(ns, sa);
  }
  return { kind: 'User', name, key: `User/${name}` };
}

/** The identity a subject binding names (its ServiceAccount namespace resolved as the authorizer does). */
export function identityOfBinding(sb: Pick<SubjectBinding, 'subject' | 'binding'>): Identity | undefined {
  return identityOf(sb.subject.kind, sb.subject.name, subjectNamespace(sb.binding, sb.subject));
}

/** The groups the API server puts an identity in by itself (a group is not a member of anything). */
export function implicitGroups(id: Identity): string[] {
  if (id.kind === 'ServiceAccount') return ['system:serviceaccounts', `system:serviceaccounts:${id.namespace}`, AUTHENTICATED];
  if (id.kind === 'User') return id.name === ANONYMOUS ? [UNAUTHENTICATED] : [AUTHENTICATED];
  return [];
}

/** `ServiceAccount legacy/default`, `Group system:masters`. */
export const identityLabel = (id: Identity): string => `${id.kind} ${id.namespace ? `${id.namespace}/` : ''}${id.name}`;

export interface IdentityIndex {
  /** Every identity some binding names, in binding order. */
  identities: Identity[];
  byKey: Map<string, Identity>;
  /** The subject bindings that name this identity directly (not through a group). */
  ownBindings(key: string): SubjectBinding[];
  /** Its own subject bindings and those of its implicit groups: everything RBAC grants it. */
  effectiveBindings(id: Identity): SubjectBinding[];
}

const cache = scanCache<RbacIndex, IdentityIndex>();

/** The identity index of an RBAC index, built once per index. */
export function identityIndex(idx: RbacIndex): IdentityIndex {
  let out = cache.get(idx);
  if (out) return out;
  const byKey = new Map<string, Identity>();
  const own = new Map<string, SubjectBinding[]>();
  for (const sb of idx.subjectBindings) {
    const id = identityOfBinding(sb);
    if (!id) continue;
    if (!byKey.has(id.key)) byKey.set(id.key, id);
    const list = own.get(id.key);
    if (list) list.push(sb);
    else own.set(id.key, [sb]);
  }
  const ownBindings = (key: string): SubjectBinding[] => own.get(key) ?? [];
  out = {
    identities: [...byKey.values()],
    byKey,
    ownBindings,
    effectiveBindings: (id) => [...ownBindings(id.key), ...implicitGroups(id).flatMap((g) => ownBindings(`Group/${g}`))],
  };
  cache.set(idx, out);
  return out;
}

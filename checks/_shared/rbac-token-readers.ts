/**
 * Who can read each legacy service-account token Secret: every identity the RBAC authorizer would
 * allow get (of that Secret by name), list or watch of Secrets in its namespace. Reading the Secret
 * is holding the account's non-expiring token, so these readers can act as the account.
 */
import type { Inventory } from '../../src/core/inventory.js';
import type { KObject } from '../../src/core/k8s.js';
import { identityLabel } from './rbac-identities.js';
import { ruleShortForm } from './rbac-wording.js';
import { matchesAny } from './rbac-skip-subjects.js';
import { whoCan, type AuthzRequest, type WhoCanEntry, type WhoCanGrant } from './rbac-who-can.js';
import { isServiceAccountToken, SA_NAME_ANNOTATION } from './secrets.js';

export interface TokenReaders {
  secret: KObject;
  account?: string;
  /** Identities beyond the skip patterns, in order of first grant. */
  readers: WhoCanEntry[];
}

type Inv = Pick<Inventory, 'secrets' | 'roles' | 'clusterRoles' | 'roleBindings' | 'clusterRoleBindings'>;

/** get by name, list, watch: each hands over the Secret's data. */
const readRequests = (namespace: string, name: string): AuthzRequest[] => [
  { verb: 'get', group: '', resource: 'secrets', namespace, name },
  { verb: 'list', group: '', resource: 'secrets', namespace },
  { verb: 'watch', group: '', resource: 'secrets', namespace },
];

/** Merges who-can answers: one entry per identity, its grants without repeats. */
function merge(answers: WhoCanEntry[][]): WhoCanEntry[] {
  const out = new Map<string, WhoCanEntry>();
  for (const answer of answers) {
    for (const e of answer) {
      const known = out.get(e.identity.key);
      if (!known) out.set(e.identity.key, { identity: e.identity, grants: [...e.grants] });
      else for (const g of e.grants) if (!known.grants.some((k) => k.sb === g.sb && k.rule === g.rule)) known.grants.push(g);
    }
  }
  return [...out.values()];
}

/** Every legacy token Secret with the identities (not matching `skip`) that can read it. */
export function legacyTokenReaders(inv: Inv, skip: readonly string[]): TokenReaders[] {
  // list and watch do not depend on the Secret: once per namespace. get by name can (resourceNames).
  const perNamespace = new Map<string, WhoCanEntry[][]>();
  return inv.secrets.filter(isServiceAccountToken).map((secret) => {
    const ns = secret.metadata.namespace ?? '';
    const [get, list, watch] = readRequests(ns, secret.metadata.name);
    let shared = perNamespace.get(ns);
    if (!shared) perNamespace.set(ns, (shared = [whoCan(inv, list!), whoCan(inv, watch!)]));
    const readers = merge([whoCan(inv, get!), ...shared]).filter((e) => !matchesAny(skip, e.identity.key));
    return { secret, account: secret.metadata.annotations?.[SA_NAME_ANNOTATION], readers };
  });
}

/** `RoleBinding shop/reporter → Role secrets-reader: get,list on secrets` */
export const grantText = (g: WhoCanGrant): string =>
  `${g.sb.binding.kind} ${g.sb.binding.metadata.namespace ? `${g.sb.binding.metadata.namespace}/` : ''}${g.sb.binding.metadata.name} → ${g.sb.roleKind} ${g.sb.role.metadata.name}${g.rule.source !== g.sb.role ? ` (aggregated from ClusterRole ${g.rule.source.metadata.name})` : ''}: ${ruleShortForm(g.rule.rule)}`;

/** `ServiceAccount shop/reporter [RoleBinding shop/reporter → Role secrets-reader: get,list on secrets]` */
export const readerText = (e: WhoCanEntry): string => `${identityLabel(e.identity)} [${e.grants.map(grantText).join('; ')}]`;

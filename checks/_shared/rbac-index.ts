/**
 * The RBAC index shared by the rbac- checks: subjects -> bindings -> roles -> effective rules, the
 * way the API server's RBAC authorizer resolves them, so a check can answer the auditor's question
 * "who can read secrets?" (subject-centric, after Kubescape) rather than "which role mentions
 * secrets?".
 *
 * - A ClusterRoleBinding grants its ClusterRole cluster-wide. A RoleBinding grants a Role of its own
 *   namespace, or a ClusterRole scoped to its namespace (rules on cluster-scoped resources then grant
 *   nothing, so requests marked `clusterScoped` are not matched through RoleBindings).
 * - An aggregated ClusterRole (aggregationRule.clusterRoleSelectors) has the union of the rules of the
 *   ClusterRoles whose labels match, transitively. The API server's aggregation controller writes that
 *   union into .rules, manifests usually do not, so it is resolved here (own rules first, duplicates
 *   dropped, each rule attributed to the role that carries it).
 * - A binding whose roleRef names a role that does not exist grants nothing and is left out
 *   (listed in `dangling`).
 *
 * The index is built once per Inventory (memoised on the clusterRoleBindings array) and does not
 * depend on check options; checks filter its subject bindings themselves.
 */
import type { Inventory, InventoryKey } from '../../src/core/inventory.js';
import { scanCache } from '../../src/core/scan-cache.js';
import type { KObject } from '../../src/core/k8s.js';
import { listAt } from '../../src/core/shape.js';
import { selectorMatches } from '../../src/core/label-selector.js';
import { canonicalRule, rulesOf, type EffectiveRule } from './rbac-rules.js';

/** The Inventory keys the index reads: every check that uses it declares them in `requires`. */
export const RBAC_KEYS: readonly InventoryKey[] = ['roles', 'clusterRoles', 'roleBindings', 'clusterRoleBindings'];

export type RbacInventory = Pick<Inventory, 'roles' | 'clusterRoles' | 'roleBindings' | 'clusterRoleBindings'>;

export interface RbacSubject {
  kind: string;
  name: string;
  namespace?: string;
  apiGroup?: string;
}

/** One subject of one binding whose roleRef resolves: what that subject is granted there. */
export interface SubjectBinding {
  subject: RbacSubject;
  /** Index in binding.subjects (the finding's path is /subjects/<i>). */
  subjectIndex: number;
  /** Kind/name, ServiceAccounts as ServiceAccount/<namespace>/<name>: what skip patterns match. */
  key: string;
  /** How messages name the subject: name, or namespace/name for a ServiceAccount. */
  label: string;
  binding: KObject;
  role: KObject;
  roleKind: 'Role' | 'ClusterRole';
  /** Undefined = cluster-wide (ClusterRoleBinding), else the RoleBinding's namespace. */
  namespace?: string;
  rules: EffectiveRule[];
}

export interface RbacIndex {
  /** Every (subject, binding) pair whose role exists, RoleBindings first, in inventory order. */
  subjectBindings: SubjectBinding[];
  /** Subject bindings by subject key. */
  bySubject: Map<string, SubjectBinding[]>;
  /** Bindings whose roleRef names no existing role (they grant nothing). */
  dangling: KObject[];
  /** The role a binding's roleRef resolves to, if any. */
  roleOf(binding: KObject): KObject | undefined;
  /** The effective rules of a Role or ClusterRole (aggregation resolved). */
  effectiveRules(role: KObject): EffectiveRule[];
  /** The aggregated ClusterRoles that take in this role's rules, transitively. */
  aggregatorsOf(role: KObject): KObject[];
  /** Bindings that grant this role's rules: bindings of the role itself or of a ClusterRole aggregating it. */
  bindingsGranting(role: KObject): KObject[];
}

/** The namespace of a ServiceAccount subject: its own, else (RoleBinding only) the binding's. */
export function subjectNamespace(binding: KObject, subject: RbacSubject): string | undefined {
  if (subject.kind !== 'ServiceAccount') return undefined;
  return subject.namespace || (binding.kind === 'RoleBinding' ? binding.metadata.namespace : undefined);
}

export function subjectKey(binding: KObject, subject: RbacSubject): string {
  return subject.kind === 'ServiceAccount'
    ? `ServiceAccount/${subjectNamespace(binding, subject) ?? ''}/${subject.name}`
    : `${subject.kind}/${subject.name}`;
}

export function subjectLabel(binding: KObject, subject: RbacSubject): string {
  return subject.kind === 'ServiceAccount' ? `${subjectNamespace(binding, subject) ?? ''}/${subject.name}` : subject.name;
}

export const subjectsOf = (binding: KObject): RbacSubject[] => (Array.isArray(binding.subjects) ? (binding.subjects as RbacSubject[]) : []);

const byName = (a: KObject, b: KObject): number => a.metadata.name.localeCompare(b.metadata.name);

/** Appends to the list under a key (in place: a role bound thousands of times must not cost n² copies). */
function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function buildRbacIndex(inv: RbacInventory): RbacIndex {
  const clusterRoles = new Map<string, KObject>();
  for (const cr of inv.clusterRoles) clusterRoles.set(cr.metadata.name, cr);
  const roles = new Map<string, KObject>();
  for (const r of inv.roles) roles.set(`${r.metadata.namespace ?? ''}/${r.metadata.name}`, r);

  // Aggregation: direct members per aggregated ClusterRole, then the transitive closure.
  const members = new Map<KObject, KObject[]>();
  const sortedClusterRoles = [...clusterRoles.values()].sort(byName);
  for (const cr of sortedClusterRoles) {
    if (!cr.aggregationRule) continue;
    const selectors = listAt(cr.aggregationRule, 'clusterRoleSelectors');
    members.set(
      cr,
      sortedClusterRoles.filter((m) => m !== cr && selectors.some((s) => selectorMatches(s, m.metadata.labels))),
    );
  }
  const reachCache = new Map<KObject, KObject[]>();
  const reach = (cr: KObject): KObject[] => {
    let r = reachCache.get(cr);
    if (r) return r;
    const seen = new Set<KObject>([cr]);
    const order: KObject[] = [];
    const queue = [...(members.get(cr) ?? [])];
    while (queue.length) {
      const m = queue.shift()!;
      if (seen.has(m)) continue;
      seen.add(m);
      order.push(m);
      queue.push(...(members.get(m) ?? []));
    }
    r = order;
    reachCache.set(cr, r);
    return r;
  };

  const effectiveCache = new Map<KObject, EffectiveRule[]>();
  const effectiveRules = (role: KObject): EffectiveRule[] => {
    let out = effectiveCache.get(role);
    if (out) return out;
    out = [];
    const seen = new Set<string>();
    const sources = role.kind === 'ClusterRole' ? [role, ...reach(role)] : [role];
    for (const source of sources) {
      rulesOf(source).forEach((rule, index) => {
        const c = canonicalRule(rule);
        if (seen.has(c)) return;
        seen.add(c);
        out!.push({ rule, source, index });
      });
    }
    effectiveCache.set(role, out);
    return out;
  };

  const aggregators = new Map<KObject, KObject[]>();
  for (const cr of members.keys()) for (const m of reach(cr)) pushTo(aggregators, m, cr);

  const roleOf = (binding: KObject): KObject | undefined => {
    const ref = binding.roleRef as { kind?: string; name?: string } | undefined;
    if (!ref || typeof ref.name !== 'string') return undefined;
    if (ref.kind === 'ClusterRole') return clusterRoles.get(ref.name);
    if (ref.kind === 'Role' && binding.kind === 'RoleBinding') return roles.get(`${binding.metadata.namespace ?? ''}/${ref.name}`);
    return undefined;
  };

  const subjectBindings: SubjectBinding[] = [];
  const bySubject = new Map<string, SubjectBinding[]>();
  const dangling: KObject[] = [];
  const bindingsOfRole = new Map<KObject, KObject[]>();
  for (const binding of [...inv.roleBindings, ...inv.clusterRoleBindings]) {
    const role = roleOf(binding);
    if (!role) {
      dangling.push(binding);
      continue;
    }
    pushTo(bindingsOfRole, role, binding);
    const rules = effectiveRules(role);
    subjectsOf(binding).forEach((subject, subjectIndex) => {
      if (!subject || typeof subject.kind !== 'string' || typeof subject.name !== 'string') return;
      const sb: SubjectBinding = {
        subject,
        subjectIndex,
        key: subjectKey(binding, subject),
        label: subjectLabel(binding, subject),
        binding,
        role,
        roleKind: role.kind === 'Role' ? 'Role' : 'ClusterRole',
        namespace: binding.kind === 'RoleBinding' ? (binding.metadata.namespace ?? '') : undefined,
        rules,
      };
      subjectBindings.push(sb);
      pushTo(bySubject, sb.key, sb);
    });
  }

  return {
    subjectBindings,
    bySubject,
    dangling,
    roleOf,
    effectiveRules,
    aggregatorsOf: (role) => aggregators.get(role) ?? [],
    bindingsGranting: (role) => [role, ...(aggregators.get(role) ?? [])].flatMap((r) => bindingsOfRole.get(r) ?? []),
  };
}

const cache = scanCache<object, RbacIndex>();

/** The index of an Inventory, built once (memoised on its clusterRoleBindings array). */
export function rbacIndex(inv: RbacInventory): RbacIndex {
  const key = inv.clusterRoleBindings;
  let idx = cache.get(key);
  if (!idx) {
    idx = buildRbacIndex(inv);
    cache.set(key, idx);
  }
  return idx;
}

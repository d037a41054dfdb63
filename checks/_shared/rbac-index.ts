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
import { defineCheck, refOf, type Check } from '../../src/core/check.js';
import type { Inventory, InventoryKey } from '../../src/core/inventory.js';
import type { KObject } from '../../src/core/k8s.js';
import { selectorMatches } from '../../src/core/label-selector.js';
import type { Severity } from '../../src/core/severity.js';

/** The Inventory keys the index reads: every check that uses it declares them in `requires`. */
export const RBAC_KEYS: readonly InventoryKey[] = ['roles', 'clusterRoles', 'roleBindings', 'clusterRoleBindings'];

export type RbacInventory = Pick<Inventory, 'roles' | 'clusterRoles' | 'roleBindings' | 'clusterRoleBindings'>;

export interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface RbacSubject {
  kind: string;
  name: string;
  namespace?: string;
  apiGroup?: string;
}

/** One access to test a rule against, as the authorizer sees a request. */
export interface AccessRequest {
  verb: string;
  /** API group; '' for the core group. */
  group: string;
  /** Plural resource name, without the subresource. */
  resource: string;
  subresource?: string;
  /** A specific object name; absent = any object (a rule restricted by resourceNames then grants on those names only). */
  name?: string;
  /** The resource is cluster-scoped: a RoleBinding cannot grant it. */
  clusterScoped?: boolean;
}

/** How a rule grants a request: `restrictedTo` lists the only object names it grants on. */
export interface RuleGrant {
  restrictedTo?: string[];
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** `resource/subresource`, the form rules use. */
export const combinedResource = (r: Pick<AccessRequest, 'resource' | 'subresource'>): string => (r.subresource ? `${r.resource}/${r.subresource}` : r.resource);

/** Whether one entry of rule.resources covers the request (same semantics as the RBAC authorizer). */
function resourceEntryMatches(entry: string, req: Pick<AccessRequest, 'resource' | 'subresource'>): boolean {
  if (entry === '*') return true;
  if (entry === combinedResource(req)) return true;
  // '*/scale' covers the scale subresource of every resource.
  return req.subresource !== undefined && req.subresource !== '' && entry === `*/${req.subresource}`;
}

const verbEntryMatches = (entry: string, verb: string): boolean => entry === '*' || entry === verb;
const groupEntryMatches = (entry: string, group: string): boolean => entry === '*' || entry === group;

/**
 * Whether a rule grants a request: '*' in verbs, apiGroups and resources matches anything ('*' in
 * resources also every subresource, '*' + '/scale' the scale subresource of every resource). A rule with
 * resourceNames grants only on those names: the result says so in `restrictedTo`. Such a rule grants
 * no `create` of a top-level resource and no `deletecollection` at all (the authorizer sees no name
 * there). Undefined when the rule does not grant the request.
 */
export function grants(rule: PolicyRule, req: AccessRequest): RuleGrant | undefined {
  if (!list(rule.verbs).some((v) => verbEntryMatches(v, req.verb))) return undefined;
  if (!list(rule.apiGroups).some((g) => groupEntryMatches(g, req.group))) return undefined;
  if (!list(rule.resources).some((r) => resourceEntryMatches(r, req))) return undefined;
  const names = list(rule.resourceNames);
  if (!names.length) return {};
  if (req.name !== undefined) return names.includes(req.name) ? { restrictedTo: [req.name] } : undefined;
  if (req.verb === 'deletecollection' || (req.verb === 'create' && !req.subresource)) return undefined;
  return { restrictedTo: names };
}

/** The rules of a role object, tolerating a missing or malformed list. */
export const rulesOf = (role: KObject): PolicyRule[] => (Array.isArray(role.rules) ? (role.rules as PolicyRule[]).filter((r) => r && typeof r === 'object') : []);

// ---------------------------------------------------------------------------------------------
// The index

/** A rule as it takes effect, with the role object that carries it (another role when aggregated). */
export interface EffectiveRule {
  rule: PolicyRule;
  /** The role whose .rules hold it. */
  source: KObject;
  /** Its index in source.rules. */
  index: number;
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
  return subject.kind === 'ServiceAccount' ? `ServiceAccount/${subjectNamespace(binding, subject) ?? ''}/${subject.name}` : `${subject.kind}/${subject.name}`;
}

export function subjectLabel(binding: KObject, subject: RbacSubject): string {
  return subject.kind === 'ServiceAccount' ? `${subjectNamespace(binding, subject) ?? ''}/${subject.name}` : subject.name;
}

export const subjectsOf = (binding: KObject): RbacSubject[] => (Array.isArray(binding.subjects) ? (binding.subjects as RbacSubject[]) : []);

/** A canonical text of a rule, for dropping duplicates (the aggregation controller uses deep equality). */
const canonical = (r: PolicyRule): string => JSON.stringify([list(r.verbs), list(r.apiGroups), list(r.resources), list(r.resourceNames), list(r.nonResourceURLs)]);

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
    const selectors: unknown[] = Array.isArray(cr.aggregationRule.clusterRoleSelectors) ? cr.aggregationRule.clusterRoleSelectors : [];
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
        const c = canonical(rule);
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

const cache = new WeakMap<object, RbacIndex>();

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

// ---------------------------------------------------------------------------------------------
// Matching a subject binding against the requests a check cares about

export interface RuleMatch {
  effective: EffectiveRule;
  /** The requests this rule grants. */
  requests: AccessRequest[];
  /** Set when the rule grants only on these object names. */
  restrictedTo?: string[];
}

/**
 * The rules through which a subject binding grants any of the requests. Requests on cluster-scoped
 * resources are not matched through a RoleBinding (it cannot grant them).
 */
export function matchRules(sb: Pick<SubjectBinding, 'rules' | 'namespace'>, requests: readonly AccessRequest[]): RuleMatch[] {
  const applicable = sb.namespace === undefined ? requests : requests.filter((r) => !r.clusterScoped);
  const out: RuleMatch[] = [];
  for (const effective of sb.rules) {
    const granted: AccessRequest[] = [];
    let restrictedTo: string[] | undefined;
    let unrestricted = false;
    for (const req of applicable) {
      const g = grants(effective.rule, req);
      if (!g) continue;
      granted.push(req);
      if (g.restrictedTo) restrictedTo = [...new Set([...(restrictedTo ?? []), ...g.restrictedTo])];
      else unrestricted = true;
    }
    if (granted.length) out.push({ effective, requests: granted, restrictedTo: unrestricted ? undefined : restrictedTo });
  }
  return out;
}

/** kubectl's `resource.group/subresource` form: secrets, deployments.apps, *.* */
export function qualifiedResource(resource: string, group: string): string {
  if (group === '') return resource;
  const slash = resource.indexOf('/');
  return slash < 0 ? `${resource}.${group}` : `${resource.slice(0, slash)}.${group}${resource.slice(slash)}`;
}

const uniq = <T>(xs: T[]): T[] => [...new Set(xs)];

/**
 * A rule in short form, `verbs on resources`, e.g. `get,list,watch on secrets`, `* on *.*`,
 * `create on serviceaccounts/token (resourceNames: calico-cni-plugin)`, `get on /metrics`. Given
 * requests, only the verbs and resources of the rule that grant them are shown.
 */
export function ruleShortForm(rule: PolicyRule, requests?: readonly AccessRequest[]): string {
  const verbs = list(rule.verbs);
  const groups = list(rule.apiGroups);
  const resources = list(rule.resources);
  const names = list(rule.resourceNames);
  const urls = list(rule.nonResourceURLs);
  let shownVerbs = verbs;
  let pairs: string[];
  if (requests) {
    const granted = requests.filter((r) => grants(rule, r));
    shownVerbs = verbs.filter((v) => granted.some((r) => verbEntryMatches(v, r.verb)));
    const relevant = (g: string, res: string): boolean => granted.some((r) => groupEntryMatches(g, r.group) && resourceEntryMatches(res, r));
    pairs = uniq(groups.flatMap((g) => resources.filter((res) => relevant(g, res)).map((res) => qualifiedResource(res, g))));
  } else {
    pairs = uniq(groups.flatMap((g) => resources.map((res) => qualifiedResource(res, g))));
  }
  const targets = [...pairs, ...(requests ? [] : urls)];
  return `${shownVerbs.join(',')} on ${targets.join(',')}${names.length ? ` (resourceNames: ${names.join(', ')})` : ''}`;
}

/** `Role reporter-secrets: get,list on secrets`, naming the aggregated role a rule comes from. */
export function describeMatch(sb: Pick<SubjectBinding, 'role' | 'roleKind'>, m: { effective: EffectiveRule }, requests?: readonly AccessRequest[]): string {
  const via = m.effective.source === sb.role ? '' : ` (aggregated from ${m.effective.source.kind} ${m.effective.source.metadata.name})`;
  return `${sb.roleKind} ${sb.role.metadata.name}${via}: ${ruleShortForm(m.effective.rule, requests)}`;
}

/** 'cluster-wide' or 'in namespace <ns>'. */
export const scopeOf = (sb: Pick<SubjectBinding, 'namespace'>): string => (sb.namespace === undefined ? 'cluster-wide' : `in namespace ${sb.namespace}`);

/**
 * What the granted requests allow, in words: verbs/verbs resources, grouping resources with the same
 * verbs, e.g. `get/list/watch secrets` or `bind/escalate roles, clusterroles; impersonate users`.
 */
export function describeAccess(requests: readonly AccessRequest[]): string {
  const verbsByResource = new Map<string, string[]>();
  for (const r of requests) {
    const res = combinedResource(r);
    const vs = verbsByResource.get(res) ?? [];
    if (!vs.includes(r.verb)) vs.push(r.verb);
    verbsByResource.set(res, vs);
  }
  const groups = new Map<string, string[]>();
  for (const [res, vs] of verbsByResource) {
    const k = vs.join('/');
    groups.set(k, [...(groups.get(k) ?? []), res]);
  }
  return [...groups].map(([vs, rs]) => `${vs} ${rs.join(', ')}`).join('; ');
}

// ---------------------------------------------------------------------------------------------
// Skip lists

/**
 * Built-in subjects the subject-centric checks skip by default. They hold these rights by design,
 * because the cluster does not run without them: the system:masters group (authorised before RBAC
 * is consulted), kubeadm's administrator group (its admin.conf credential, reviewed under 5.1.1),
 * the controller manager and scheduler, the kubelets (system:nodes / system:node:<name>, limited by
 * the Node authorizer), and the controllers and add-ons that run as ServiceAccounts in kube-system
 * (seen also as User system:serviceaccount:kube-system:<name>). A pattern is Kind/name
 * (ServiceAccount/<namespace>/<name>), '*' matching any run of characters.
 */
export const DEFAULT_SKIP_SUBJECTS: readonly string[] = [
  'Group/system:masters',
  'Group/kubeadm:cluster-admins',
  'User/system:kube-controller-manager',
  'User/system:kube-scheduler',
  'Group/system:nodes',
  'User/system:node:*',
  'User/system:serviceaccount:kube-system:*',
  'ServiceAccount/kube-system/*',
];

const globCache = new Map<string, RegExp>();

/** Whether a key matches a pattern where '*' stands for any run of characters (case-sensitive). */
export function globMatches(pattern: string, key: string): boolean {
  let re = globCache.get(pattern);
  if (!re) {
    re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    globCache.set(pattern, re);
  }
  return re.test(key);
}

export const matchesAny = (patterns: readonly string[], key: string): boolean => patterns.some((p) => globMatches(p, key));

/** The subject skip patterns in force: the defaults (or their replacement) plus the extra ones. */
export function skipPatterns(options: Record<string, unknown>): string[] {
  const base = Array.isArray(options.skipSubjects) ? options.skipSubjects : DEFAULT_SKIP_SUBJECTS;
  const extra = Array.isArray(options.extraSkipSubjects) ? options.extraSkipSubjects : [];
  return [...base, ...extra].filter((p): p is string => typeof p === 'string');
}

/** The options of a subject-centric check (a fresh object per check). */
export const skipSubjectOptions = (): { defaults: Record<string, unknown>; schema: Record<string, unknown> } => ({
  defaults: { skipSubjects: [...DEFAULT_SKIP_SUBJECTS], extraSkipSubjects: [] as string[] },
  schema: {
    type: 'object',
    properties: {
      skipSubjects: {
        type: 'array',
        items: { type: 'string' },
        description: 'Subjects not judged, as Kind/name patterns (ServiceAccount/<namespace>/<name>; * matches anything). Replaces the defaults (built-in system subjects that need these rights to run the cluster).',
      },
      extraSkipSubjects: { type: 'array', items: { type: 'string' }, description: 'Patterns skipped in addition to skipSubjects, e.g. ServiceAccount/kaudit/kaudit.' },
    },
    additionalProperties: false,
  },
});

export const SKIP_SUBJECTS_DOC =
  'Built-in system subjects are skipped by default (option skipSubjects: system:masters, kubeadm:cluster-admins, the controller manager, the scheduler, the nodes, and ServiceAccounts in kube-system): they need these rights to run the cluster. Add your own with extraSkipSubjects; set skipSubjects to [] to judge them too.';

// ---------------------------------------------------------------------------------------------
// Subject-centric checks: one finding per (subject, binding) that grants a risky right

export interface SubjectRightCheckSpec {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  requests: readonly AccessRequest[];
  /** The expected state, in words. */
  expected: string;
  remediation: string;
  references: string[];
  example: string;
}

export type SubjectRightMessage = 'granted';

/**
 * A check reporting every subject of every binding through which a subject holds one of the
 * requests: resource = the binding, path = /subjects/<i>, observed = the granting rule(s).
 */
export function subjectRightCheck(spec: SubjectRightCheckSpec): Check<SubjectBinding, SubjectRightMessage> {
  return defineCheck<SubjectBinding, SubjectRightMessage>({
    meta: {
      id: spec.id,
      title: spec.title,
      description: `${spec.description} ${SKIP_SUBJECTS_DOC}`,
      severity: spec.severity,
      requires: RBAC_KEYS,
      messages: { granted: '{{subjectKind}} {{subject}} can {{access}} {{scope}} through {{roleKind}} {{role}} bound by {{bindingKind}} {{binding}}{{limit}}' },
      remediation: spec.remediation,
      references: spec.references,
      options: skipSubjectOptions(),
      example: spec.example,
    },
    select: (inv, options) => {
      const skip = skipPatterns(options);
      return rbacIndex(inv).subjectBindings.filter((sb) => !matchesAny(skip, sb.key));
    },
    resourceOf: (sb) => refOf(sb.binding)!,
    evaluate(sb, ctx) {
      const matches = matchRules(sb, spec.requests);
      if (!matches.length) return;
      const granted = spec.requests.filter((r) => matches.some((m) => m.requests.includes(r)));
      const restricted = matches.every((m) => m.restrictedTo);
      const names = uniq(matches.flatMap((m) => m.restrictedTo ?? []));
      ctx.report({
        messageId: 'granted',
        path: `/subjects/${sb.subjectIndex}`,
        data: {
          subjectKind: sb.subject.kind,
          subject: sb.label,
          access: describeAccess(granted),
          scope: scopeOf(sb),
          roleKind: sb.roleKind,
          role: sb.role.metadata.name,
          bindingKind: sb.binding.kind,
          binding: sb.binding.metadata.name,
          limit: restricted ? ` (only on resourceNames ${names.join(', ')})` : '',
        },
        observed: matches.map((m) => describeMatch(sb, m, m.requests)).join('; '),
        expected: spec.expected,
      });
    },
  });
}

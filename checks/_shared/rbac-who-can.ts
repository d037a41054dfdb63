/**
 * Who can make one request, decided as the API server's RBAC authorizer decides it
 * (plugin/pkg/auth/authorizer/rbac): ClusterRoleBindings apply everywhere; RoleBindings only to
 * requests in their own namespace; a request without a namespace (cluster-scoped objects, or a list
 * across all namespaces) is granted by ClusterRoleBindings alone; non-resource URLs only by
 * ClusterRoleBindings. A rule with resourceNames grants only requests that name one of them, so it
 * never grants list, watch without a name, create of a top-level object or deletecollection.
 */
import { type EffectiveRule, grants, type PolicyRule } from './rbac-rules.js';
import { rbacIndex, type RbacInventory, type SubjectBinding } from './rbac-index.js';
import { identityIndex, identityOfBinding, type Identity } from './rbac-identities.js';

export interface AuthzRequest {
  verb: string;
  /** API group ('' = core). Ignored for non-resource requests. */
  group?: string;
  /** Plural resource; absent for a non-resource request. */
  resource?: string;
  subresource?: string;
  /** Object name; absent = no name (list, create, or any object). */
  name?: string;
  /** Request namespace; absent or '' = cluster-wide. */
  namespace?: string;
  /** Non-resource URL path such as /healthz or /metrics. */
  path?: string;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** rbac.NonResourceURLMatches: '*' matches every path, `/prefix/*` every path below. */
export function nonResourceURLMatches(entry: string, path: string): boolean {
  if (entry === '*' || entry === path) return true;
  return entry.endsWith('*') && path.startsWith(entry.slice(0, -1));
}

/** Whether the rule allows the request, exactly as the authorizer's RuleAllows. */
export function ruleAllows(rule: PolicyRule, req: AuthzRequest): boolean {
  if (req.resource === undefined) {
    const path = req.path ?? '';
    return (
      strings(rule.verbs).some((v) => v === '*' || v === req.verb) &&
      strings(rule.nonResourceURLs).some((u) => nonResourceURLMatches(u, path))
    );
  }
  const g = grants(rule, { verb: req.verb, group: req.group ?? '', resource: req.resource, subresource: req.subresource, name: req.name });
  // A request without a name is not granted by a rule restricted to names.
  return g !== undefined && (g.restrictedTo === undefined || req.name !== undefined);
}

/** One way a subject holds the access: a subject of a binding, its role, and the rule. */
export interface WhoCanGrant {
  sb: SubjectBinding;
  rule: EffectiveRule;
}

export interface WhoCanEntry {
  identity: Identity;
  grants: WhoCanGrant[];
}

export interface WhoCanOptions {
  /** Also RoleBindings of every namespace (each grant says where it applies): "who can, somewhere". */
  allNamespaces?: boolean;
}

/** Whether a subject binding applies to the request's namespace. */
function bindingApplies(sb: SubjectBinding, req: AuthzRequest, opts: WhoCanOptions): boolean {
  if (sb.namespace === undefined) return true;
  if (req.resource === undefined) return false;
  return opts.allNamespaces ? true : !!req.namespace && sb.namespace === req.namespace;
}

/**
 * Every identity a binding names that the authorizer would allow the request, with each grant, in
 * order of first grant. Group grants stay on the group (its members inherit them).
 */
export function whoCan(inv: RbacInventory, req: AuthzRequest, opts: WhoCanOptions = {}): WhoCanEntry[] {
  const idx = rbacIndex(inv);
  const ids = identityIndex(idx);
  const out = new Map<string, WhoCanEntry>();
  for (const sb of idx.subjectBindings) {
    if (!bindingApplies(sb, req, opts)) continue;
    const identity = identityOfBinding(sb);
    if (!identity) continue;
    for (const rule of sb.rules) {
      if (!ruleAllows(rule.rule, req)) continue;
      let entry = out.get(identity.key);
      if (!entry) out.set(identity.key, (entry = { identity: ids.byKey.get(identity.key) ?? identity, grants: [] }));
      entry.grants.push({ sb, rule });
    }
  }
  return [...out.values()];
}

/** Whether one identity (with its implicit groups) is allowed the request, and by what. */
export function grantsFor(inv: RbacInventory, identity: Identity, req: AuthzRequest): WhoCanGrant[] {
  const out: WhoCanGrant[] = [];
  for (const sb of identityIndex(rbacIndex(inv)).effectiveBindings(identity)) {
    if (!bindingApplies(sb, req, {})) continue;
    for (const rule of sb.rules) if (ruleAllows(rule.rule, req)) out.push({ sb, rule });
  }
  return out;
}

/** A reference to an object as JSON output names it. */
const refJson = (o: { kind: string; metadata: { name: string; namespace?: string } }) => ({
  kind: o.kind,
  ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
  name: o.metadata.name,
});

/** One grant as JSON: the binding, the role, where it applies, and the rule (with the role that carries it when aggregated). */
export function grantJson(g: WhoCanGrant) {
  return {
    binding: refJson(g.sb.binding),
    subjectIndex: g.sb.subjectIndex,
    role: refJson(g.sb.role),
    ...(g.rule.source !== g.sb.role ? { aggregatedFrom: refJson(g.rule.source) } : {}),
    scope: g.sb.namespace === undefined ? 'cluster-wide' : `namespace ${g.sb.namespace}`,
    rule: g.rule.rule,
  };
}

/** The `who-can -f json` entry of a subject: kind, namespace, name and its grants. */
export function whoCanJson(e: WhoCanEntry) {
  return {
    kind: e.identity.kind,
    ...(e.identity.namespace ? { namespace: e.identity.namespace } : {}),
    name: e.identity.name,
    grants: e.grants.map(grantJson),
  };
}

/**
 * RBAC rule semantics, as the API server's RBAC authorizer applies them: whether a PolicyRule grants
 * an access request ('*' entries, subresources, resourceNames), and which effective rules of a
 * subject binding grant which of the requests a check cares about.
 */
import type { KObject } from '../../src/core/k8s.js';
import { scanCache } from '../../src/core/scan-cache.js';
export interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
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

/** The strings of a rule field, tolerating a missing or malformed list. */
export const stringList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** `resource/subresource`, the form rules use. */
export const combinedResource = (r: Pick<AccessRequest, 'resource' | 'subresource'>): string =>
  r.subresource ? `${r.resource}/${r.subresource}` : r.resource;

/** Whether one entry of rule.resources covers the request (same semantics as the RBAC authorizer). */
export function resourceEntryMatches(entry: string, req: Pick<AccessRequest, 'resource' | 'subresource'>): boolean {
  if (entry === '*') return true;
  if (entry === combinedResource(req)) return true;
  // '*/scale' covers the scale subresource of every resource.
  return req.subresource !== undefined && req.subresource !== '' && entry === `*/${req.subresource}`;
}

export const verbEntryMatches = (entry: string, verb: string): boolean => entry === '*' || entry === verb;
export const groupEntryMatches = (entry: string, group: string): boolean => entry === '*' || entry === group;

/**
 * Whether a rule grants a request: '*' in verbs, apiGroups and resources matches anything ('*' in
 * resources also every subresource, '*' + '/scale' the scale subresource of every resource). A rule with
 * resourceNames grants only on those names: the result says so in `restrictedTo`. Such a rule grants
 * no `create` of a top-level resource and no `deletecollection` at all (the authorizer sees no name
 * there). Undefined when the rule does not grant the request.
 */
export function grants(rule: PolicyRule, req: AccessRequest): RuleGrant | undefined {
  if (!someString(rule.verbs, (v) => verbEntryMatches(v, req.verb))) return undefined;
  if (!someString(rule.apiGroups, (g) => groupEntryMatches(g, req.group))) return undefined;
  if (!someString(rule.resources, (r) => resourceEntryMatches(r, req))) return undefined;
  if (!someString(rule.resourceNames, () => true)) return UNRESTRICTED;
  const names = stringList(rule.resourceNames);
  if (req.name !== undefined) return names.includes(req.name) ? { restrictedTo: [req.name] } : undefined;
  if (req.verb === 'deletecollection' || (req.verb === 'create' && !req.subresource)) return undefined;
  return { restrictedTo: names };
}

/** The answer for a rule without resourceNames: one object, since every RBAC check asks every rule. */
const UNRESTRICTED: RuleGrant = Object.freeze({});

/** Whether a rule field holds a string that passes the test, without copying the list (hot: every rule, every request). */
function someString(v: unknown, test: (entry: string) => boolean): boolean {
  if (!Array.isArray(v)) return false;
  for (const x of v) if (typeof x === 'string' && test(x)) return true;
  return false;
}

/** The rules of a role object, tolerating a missing or malformed list. */
export const rulesOf = (role: KObject): PolicyRule[] =>
  Array.isArray(role.rules) ? (role.rules as PolicyRule[]).filter((r) => r && typeof r === 'object') : [];

/** A canonical text of a rule, for dropping duplicates (the aggregation controller uses deep equality). */
export const canonicalRule = (r: PolicyRule): string =>
  JSON.stringify([
    stringList(r.verbs),
    stringList(r.apiGroups),
    stringList(r.resources),
    stringList(r.resourceNames),
    stringList(r.nonResourceURLs),
  ]);

/** A rule as it takes effect, with the role object that carries it (another role when aggregated). */
export interface EffectiveRule {
  rule: PolicyRule;
  /** The role whose .rules hold it. */
  source: KObject;
  /** Its index in source.rules. */
  index: number;
}

export interface RuleMatch {
  effective: EffectiveRule;
  /** The requests this rule grants. */
  requests: AccessRequest[];
  /** Set when the rule grants only on these object names. */
  restrictedTo?: string[];
}

/** Answers of matchRules per effective rule list (one per role), then per request list. */
const clusterWideMatches = scanCache<readonly EffectiveRule[], Map<readonly AccessRequest[], readonly RuleMatch[]>>();
const namespacedMatches = scanCache<readonly EffectiveRule[], Map<readonly AccessRequest[], readonly RuleMatch[]>>();

/**
 * The rules through which a subject binding grants any of the requests. Requests on cluster-scoped
 * resources are not matched through a RoleBinding (it cannot grant them).
 *
 * The answer depends only on the role's rules, the binding's kind and the requests, so it is
 * computed once per role and request list (a ClusterRole such as `edit` is bound in every
 * namespace, and every RBAC check asks about every binding): callers pass a constant request list
 * and must not change the answer.
 */
export function matchRules(
  sb: { rules: readonly EffectiveRule[]; namespace?: string },
  requests: readonly AccessRequest[],
): readonly RuleMatch[] {
  const cache = sb.namespace === undefined ? clusterWideMatches : namespacedMatches;
  let byRequests = cache.get(sb.rules);
  if (!byRequests) cache.set(sb.rules, (byRequests = new Map<readonly AccessRequest[], readonly RuleMatch[]>()));
  let out = byRequests.get(requests);
  if (!out)
    byRequests.set(
      requests,
      (out = computeMatches(sb.rules, sb.namespace === undefined ? requests : requests.filter((r) => !r.clusterScoped))),
    );
  return out;
}

/** The answer when no rule grants a request, shared (most roles grant none of a check's risky requests). */
const NO_MATCH: readonly RuleMatch[] = Object.freeze([]);

function computeMatches(rules: readonly EffectiveRule[], applicable: readonly AccessRequest[]): readonly RuleMatch[] {
  let out: RuleMatch[] | undefined;
  for (const effective of rules) {
    let granted: AccessRequest[] | undefined;
    let restrictedTo: string[] | undefined;
    let unrestricted = false;
    for (const req of applicable) {
      const g = grants(effective.rule, req);
      if (!g) continue;
      (granted ??= []).push(req);
      if (g.restrictedTo) restrictedTo = [...new Set([...(restrictedTo ?? []), ...g.restrictedTo])];
      else unrestricted = true;
    }
    if (granted) (out ??= []).push({ effective, requests: granted, restrictedTo: unrestricted ? undefined : restrictedTo });
  }
  return out ?? NO_MATCH;
}

/** RBAC grants in words, for findings: rules in short form, the role that carries them, the access granted, the scope. */
import {
  combinedResource,
  grants,
  groupEntryMatches,
  resourceEntryMatches,
  stringList,
  verbEntryMatches,
  type AccessRequest,
  type EffectiveRule,
  type PolicyRule,
} from './rbac-rules.js';
import type { SubjectBinding } from './rbac-index.js';

/** kubectl's `resource.group/subresource` form: secrets, deployments.apps, *.* */
export function qualifiedResource(resource: string, group: string): string {
  if (group === '') return resource;
  const slash = resource.indexOf('/');
  return slash < 0 ? `${resource}.${group}` : `${resource.slice(0, slash)}.${group}${resource.slice(slash)}`;
}

export const uniq = <T>(xs: T[]): T[] => [...new Set(xs)];

/**
 * A rule in short form, `verbs on resources`, e.g. `get,list,watch on secrets`, `* on *.*`,
 * `create on serviceaccounts/token (resourceNames: calico-cni-plugin)`, `get on /metrics`. Given
 * requests, only the verbs and resources of the rule that grant them are shown.
 */
export function ruleShortForm(rule: PolicyRule, requests?: readonly AccessRequest[]): string {
  const verbs = stringList(rule.verbs);
  const groups = stringList(rule.apiGroups);
  const resources = stringList(rule.resources);
  const names = stringList(rule.resourceNames);
  const urls = stringList(rule.nonResourceURLs);
  let shownVerbs = verbs;
  let pairs: string[];
  if (requests) {
    const granted = requests.filter((r) => grants(rule, r));
    shownVerbs = verbs.filter((v) => granted.some((r) => verbEntryMatches(v, r.verb)));
    const relevant = (g: string, res: string): boolean =>
      granted.some((r) => groupEntryMatches(g, r.group) && resourceEntryMatches(res, r));
    pairs = uniq(groups.flatMap((g) => resources.filter((res) => relevant(g, res)).map((res) => qualifiedResource(res, g))));
  } else {
    pairs = uniq(groups.flatMap((g) => resources.map((res) => qualifiedResource(res, g))));
  }
  const targets = [...pairs, ...(requests ? [] : urls)];
  return `${shownVerbs.join(',')} on ${targets.join(',')}${names.length ? ` (resourceNames: ${names.join(', ')})` : ''}`;
}

/** `Role reporter-secrets: get,list on secrets`, naming the aggregated role a rule comes from. */
export function describeMatch(
  sb: Pick<SubjectBinding, 'role' | 'roleKind'>,
  m: { effective: EffectiveRule },
  requests?: readonly AccessRequest[],
): string {
  const via = m.effective.source === sb.role ? '' : ` (aggregated from ${m.effective.source.kind} ${m.effective.source.metadata.name})`;
  return `${sb.roleKind} ${sb.role.metadata.name}${via}: ${ruleShortForm(m.effective.rule, requests)}`;
}

/** 'cluster-wide' or 'in namespace <ns>'. */
export const scopeOf = (sb: Pick<SubjectBinding, 'namespace'>): string =>
  sb.namespace === undefined ? 'cluster-wide' : `in namespace ${sb.namespace}`;

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

/**
 * Audit policy semantics (k8s.io/apiserver/pkg/audit/policy/checker.go): the first rule that
 * matches a request decides its level; no match means None. A rule matches when each of its
 * non-empty lists (users, userGroups, verbs, namespaces, resources) matches. kaudit asks about an
 * ordinary user in an ordinary namespace: rules limited to named users, groups, namespaces or
 * resource names do not cover everyone, so they never match here.
 */
import type { AuditLevel, AuditRule } from '../../src/core/node-report.js';

export interface AuditRequest {
  group: string;
  /** 'pods', or 'pods/exec' for a subresource. */
  resource: string;
  verb: string;
}

export const LEVEL_ORDER: readonly AuditLevel[] = ['None', 'Metadata', 'Request', 'RequestResponse'];

export function levelFor(rules: readonly AuditRule[], req: AuditRequest): { level: AuditLevel; rule?: number } {
  const i = rules.findIndex((r) => matches(r, req));
  const rule = rules[i];
  return rule === undefined ? { level: 'None' } : { level: rule.level, rule: i };
}

function matches(rule: AuditRule, req: AuditRequest): boolean {
  if (rule.users?.length || rule.userGroups?.length || rule.namespaces?.length) return false;
  if (rule.verbs?.length && !rule.verbs.includes(req.verb) && !rule.verbs.includes('*')) return false;
  if (!rule.resources?.length) return !rule.nonResourceURLs?.length;
  return rule.resources.some(
    (g) => (g.group ?? '') === req.group && !g.resourceNames?.length && resourceMatches(g.resources ?? [], req.resource),
  );
}

/** As the API server matches: "pods" (not its subresources), "pods/exec", "*" (everything), "pods/*" (pods and its subresources), "*\/exec"; empty = all. */
function resourceMatches(patterns: string[], resource: string): boolean {
  if (!patterns.length) return true;
  const [main, sub] = resource.split('/');
  return patterns.some((p) => p === resource || p === '*' || (sub !== undefined && p === `*/${sub}`) || p === `${main}/*`);
}

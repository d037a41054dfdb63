/**
 * Authorization: the caller may get and list everything except what a ForbiddenRule denies, and
 * nothing else (the server is read-only). Denials read like the real API server's, and the two
 * self-reviews answer from the same rules, so a permission preflight and the actual reads agree.
 */
import { RESOURCE_TYPES } from '../core/resources.js';
import { AUTHZ_GROUP } from './discovery.js';
import { ApiError, badRequest } from './status.js';
import { USER_NAME, type ForbiddenRule } from './types.js';

export interface AccessAttributes {
  verb: string;
  group: string;
  /** Plural, or plural/subresource ('nodes/proxy'). */
  resource: string;
  /** Absent = the cluster scope (a cluster-scoped kind, or every namespace). */
  namespace?: string;
  name?: string;
}

const READ_VERBS = ['get', 'list'];
const SUBRESOURCE_VERBS: Record<string, string[] | undefined> = { 'nodes/proxy': ['get'], selfsubjectreviews: ['create'] };

/** Kinds not in the table (e.g. events) are taken as namespaced, the common case. */
function isNamespaced(group: string, resource: string): boolean {
  const plural = resource.split('/')[0];
  const t = RESOURCE_TYPES.find((r) => r.group === group && r.plural === plural);
  return t ? t.namespaced : true;
}

function denies(rule: ForbiddenRule, a: AccessAttributes): boolean {
  if (rule.resource !== '*' && rule.resource !== a.resource) return false;
  if (rule.verb !== undefined && rule.verb !== '*' && rule.verb !== a.verb) return false;
  if (rule.namespace === undefined || rule.namespace === a.namespace) return true;
  // A namespace denial also denies the cluster-wide view of a namespaced kind.
  return a.namespace === undefined && isNamespaced(a.group, a.resource);
}

export function forbiddenMessage(a: AccessAttributes): string {
  const plural = a.resource.split('/')[0];
  const qualified = a.group ? `${plural}.${a.group}` : plural;
  const scope = a.namespace !== undefined ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  return `${qualified}${a.name !== undefined ? ` "${a.name}"` : ''} is forbidden: User "${USER_NAME}" cannot ${a.verb} resource "${a.resource}" in API group "${a.group}" ${scope}`;
}

export class Authorizer {
  private rules: ForbiddenRule[];

  constructor(rules: ForbiddenRule[] = []) {
    this.rules = [...rules];
  }

  setRules(rules: ForbiddenRule[]): void {
    this.rules = [...rules];
  }

  allowed(a: AccessAttributes): boolean {
    const verbs = SUBRESOURCE_VERBS[a.resource] ?? READ_VERBS;
    // A namespace means nothing for a cluster-scoped kind (a review may still name one).
    const attrs = isNamespaced(a.group, a.resource) ? a : { ...a, namespace: undefined };
    return verbs.includes(a.verb) && !this.rules.some((r) => denies(r, attrs));
  }

  /** Throws the 403 the real API server sends. */
  check(a: AccessAttributes): void {
    if (this.allowed(a)) return;
    const plural = a.resource.split('/')[0];
    throw new ApiError(403, 'Forbidden', forbiddenMessage(a), {
      ...(a.name !== undefined ? { name: a.name } : {}),
      ...(a.group ? { group: a.group } : {}),
      kind: plural,
    });
  }

  /** POST selfsubjectaccessreviews: the review echoed back with status.allowed. */
  accessReview(body: unknown): Record<string, unknown> {
    const spec = reviewSpec(body, 'SelfSubjectAccessReview');
    const ra = spec.resourceAttributes as Record<string, unknown> | undefined;
    const nra = spec.nonResourceAttributes as Record<string, unknown> | undefined;
    if ((ra === undefined) === (nra === undefined))
      throw new ApiError(
        422,
        'Invalid',
        'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec: Invalid value: exactly one of nonResourceAttributes or resourceAttributes must be specified',
      );
    let allowed: boolean;
    if (ra) {
      const str = (k: string): string | undefined => (typeof ra[k] === 'string' && ra[k] !== '' ? (ra[k] as string) : undefined);
      const resource = str('subresource') ? `${str('resource') ?? ''}/${str('subresource')}` : (str('resource') ?? '');
      allowed = this.allowed({
        verb: str('verb') ?? '',
        group: str('group') ?? '',
        resource,
        namespace: str('namespace'),
        name: str('name'),
      });
    } else {
      allowed = nra?.verb === 'get';
    }
    return {
      kind: 'SelfSubjectAccessReview',
      apiVersion: `${AUTHZ_GROUP}/v1`,
      metadata: {},
      spec,
      status: allowed ? { allowed, reason: `kaudit: ${USER_NAME} may read this` } : { allowed },
    };
  }

  /** POST selfsubjectrulesreviews: get/list on every kind the server serves, minus denials, for spec.namespace. */
  rulesReview(body: unknown): Record<string, unknown> {
    const spec = reviewSpec(body, 'SelfSubjectRulesReview');
    const namespace = typeof spec.namespace === 'string' && spec.namespace !== '' ? spec.namespace : undefined;
    const grouped = new Map<string, { verbs: string[]; apiGroups: string[]; resources: string[] }>();
    const add = (group: string, resource: string, candidates: string[], ns: string | undefined) => {
      const verbs = candidates.filter((verb) => this.allowed({ verb, group, resource, namespace: ns }));
      if (verbs.length === 0) return;
      const key = `${group}|${verbs.join(',')}`;
      const rule = grouped.get(key) ?? { verbs, apiGroups: [group], resources: [] };
      rule.resources.push(resource);
      grouped.set(key, rule);
    };
    for (const t of RESOURCE_TYPES) {
      add(t.group, t.plural, READ_VERBS, t.namespaced ? namespace : undefined);
      if (t.key === 'nodes') add('', 'nodes/proxy', SUBRESOURCE_VERBS['nodes/proxy'] ?? READ_VERBS, undefined);
    }
    const resourceRules = [
      { verbs: ['create'], apiGroups: [AUTHZ_GROUP], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] },
      ...grouped.values(),
    ];
    const nonResourceRules = [
      { verbs: ['get'], nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/readyz', '/version'] },
    ];
    return {
      kind: 'SelfSubjectRulesReview',
      apiVersion: `${AUTHZ_GROUP}/v1`,
      metadata: {},
      spec,
      status: { resourceRules, nonResourceRules, incomplete: false },
    };
  }
}

function reviewSpec(body: unknown, kind: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest(`the body of a ${kind} must be a JSON object`);
  const spec = (body as Record<string, unknown>).spec ?? {};
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) throw badRequest(`${kind}.spec must be an object`);
  return spec as Record<string, unknown>;
}

/**
 * Discovery documents (/version, /api, /apis, /apis/{g}, /api/v1, /apis/{g}/{v}), derived from the
 * resource table so every kind kaudit reads is discoverable; optional kinds only when the Inventory
 * records them as served. Verbs are what this server answers:
 * get and list (no watch: it is a snapshot), get on nodes/proxy, create on the access reviews.
 */
import type { Inventory, ServerVersion } from '../core/inventory.js';
import { apiVersionOf, CONSTRAINTS_GROUP, CONSTRAINT_VERSIONS, RESOURCE_TYPES, type ResourceType } from '../core/resources.js';
import { constraintPlural } from '../core/gatekeeper.js';
import { kubectlNames } from './kubectl-names.js';

export const DEFAULT_VERSION: ServerVersion = { major: '1', minor: '33', gitVersion: 'v1.33.0', platform: 'linux/amd64' };

export const AUTHZ_GROUP = 'authorization.k8s.io';
/** SelfSubjectReview (who am I: `kubectl auth whoami`). */
export const AUTHN_GROUP = 'authentication.k8s.io';

export interface DiscoveredResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
}

/** groupVersion ('v1', 'apps/v1', ...) -> resources, in resource-table order. */
type ResourceMap = Map<string, DiscoveredResource[]>;

interface ServedApi {
  resources: ResourceMap;
  groups: string[];
}

function addResource(api: ServedApi, group: string, version: string, r: DiscoveredResource): void {
  const gv = group ? `${group}/${version}` : version;
  if (group && !api.groups.includes(group)) api.groups.push(group);
  const list = api.resources.get(gv) ?? [];
  list.push(r);
  api.resources.set(gv, list);
}

const discovered = (t: ResourceType): DiscoveredResource => ({
  name: t.plural,
  singularName: t.kind.toLowerCase(),
  namespaced: t.namespaced,
  kind: t.kind,
  verbs: ['get', 'list'],
  ...kubectlNames(t.group, t.plural),
});

/**
 * What this server serves for an Inventory: every built-in kind, and the optional kinds the
 * Inventory records as served, at the version it records (a cluster without Kyverno lists no kyverno.io).
 */
type Served = Pick<Inventory, 'served'> & Partial<Pick<Inventory, 'gatekeeperConstraints' | 'unevaluatedNetworkPolicyKinds'>>;

function servedApi(inv: Served | undefined): ServedApi {
  const api: ServedApi = { resources: new Map(), groups: [] };
  for (const t of RESOURCE_TYPES) {
    const gv = t.optional ? inv?.served?.[t.key] : apiVersionOf(t);
    if (gv === undefined) continue;
    addResource(api, t.group, gv.slice(gv.indexOf('/') + 1), discovered(t));
    if (t.key === 'nodes')
      addResource(api, '', 'v1', { name: 'nodes/proxy', singularName: '', namespaced: false, kind: 'NodeProxyOptions', verbs: ['get'] });
  }
  // Gatekeeper: one resource per constraint kind (its ConstraintTemplate's CRD), at the version recorded.
  const constraints = inv?.served?.gatekeeperConstraints;
  if (constraints !== undefined) {
    for (const kind of constraintKinds(inv))
      addResource(api, CONSTRAINTS_GROUP, constraints.slice(CONSTRAINTS_GROUP.length + 1), {
        name: constraintPlural(kind),
        singularName: constraintPlural(kind),
        namespaced: false,
        kind,
        verbs: ['get', 'list'],
        categories: ['constraint', 'constraints'],
      });
  }
  // Network-policy kinds kaudit does not evaluate: discoverable as the cluster served them, with no
  // verb (this server never serves their objects; kaudit only names them). Scope is not recorded: namespaced.
  for (const k of inv?.unevaluatedNetworkPolicyKinds ?? [])
    addResource(api, k.group, k.version, {
      name: k.resource,
      singularName: k.kind.toLowerCase(),
      namespaced: true,
      kind: k.kind,
      verbs: [],
    });
  addResource(api, AUTHZ_GROUP, 'v1', {
    name: 'selfsubjectaccessreviews',
    singularName: 'selfsubjectaccessreview',
    namespaced: false,
    kind: 'SelfSubjectAccessReview',
    verbs: ['create'],
  });
  addResource(api, AUTHZ_GROUP, 'v1', {
    name: 'selfsubjectrulesreviews',
    singularName: 'selfsubjectrulesreview',
    namespaced: false,
    kind: 'SelfSubjectRulesReview',
    verbs: ['create'],
  });
  addResource(api, AUTHN_GROUP, 'v1', {
    name: 'selfsubjectreviews',
    singularName: 'selfsubjectreview',
    namespaced: false,
    kind: 'SelfSubjectReview',
    verbs: ['create'],
  });
  return api;
}

/** The constraint kinds an Inventory holds, in first-seen order. */
export const constraintKinds = (inv: Served | undefined): string[] => [...new Set((inv?.gatekeeperConstraints ?? []).map((c) => c.kind))];

/** Every group version a route may name (optional kinds at any of their versions); what is served is decided per Inventory. */
const routable = new Set<string>([
  ...RESOURCE_TYPES.flatMap((t) => [t.version, ...(t.altVersions ?? [])].map((v) => (t.group ? `${t.group}/${v}` : v))),
  ...CONSTRAINT_VERSIONS.map((v) => `${CONSTRAINTS_GROUP}/${v}`),
  `${AUTHZ_GROUP}/v1`,
  `${AUTHN_GROUP}/v1`,
]);

export function versionInfo(v: ServerVersion): Record<string, string> {
  return { major: v.major, minor: v.minor, gitVersion: v.gitVersion, platform: v.platform ?? DEFAULT_VERSION.platform! };
}

export function apiVersions(serverAddress: string): Record<string, unknown> {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function groupVersions(api: ServedApi, group: string): { groupVersion: string; version: string }[] {
  return [...api.resources.keys()]
    .filter((gv) => gv.startsWith(`${group}/`))
    .map((gv) => ({ groupVersion: gv, version: gv.slice(group.length + 1) }));
}

function apiGroupBody(api: ServedApi, group: string): Record<string, unknown> {
  const versions = groupVersions(api, group);
  return { name: group, versions, preferredVersion: versions[0] };
}

export function apiGroupList(inv?: Served): Record<string, unknown> {
  const api = servedApi(inv);
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: api.groups.map((g) => apiGroupBody(api, g)) };
}

/** /apis/{group}; undefined for a group this server does not serve. */
export function apiGroup(group: string, inv?: Served): Record<string, unknown> | undefined {
  const api = servedApi(inv);
  return api.groups.includes(group) ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroupBody(api, group) } : undefined;
}

/** /api/v1 or /apis/{group}/{version}; undefined for a group version this server does not serve. */
export function apiResourceList(group: string, version: string, inv?: Served): Record<string, unknown> | undefined {
  const groupVersion = group ? `${group}/${version}` : version;
  const resources = servedApi(inv).resources.get(groupVersion);
  return resources ? { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources } : undefined;
}

/** Whether a kind at this version is served for the Inventory (an optional kind only as the Inventory records it). */
export const servesType = (t: ResourceType, inv: Pick<Inventory, 'served'>): boolean =>
  t.optional ? inv.served?.[t.key] === apiVersionOf(t) : true;

/** The group versions a route may name, for routing. */
export const servesGroupVersion = (group: string, version: string): boolean => routable.has(group ? `${group}/${version}` : version);

/**
 * Discovery documents (/version, /api, /apis, /apis/{g}, /api/v1, /apis/{g}/{v}), derived from the
 * resource table so every kind kaudit reads is discoverable. Verbs are what this server answers:
 * get and list (no watch: it is a snapshot), get on nodes/proxy, create on the access reviews.
 */
import type { ServerVersion } from '../core/inventory.js';
import { RESOURCE_TYPES } from '../core/resources.js';
import { kubectlNames } from './kubectl-names.js';

export const DEFAULT_VERSION: ServerVersion = { major: '1', minor: '33', gitVersion: 'v1.33.0', platform: 'linux/amd64' };

export const AUTHZ_GROUP = 'authorization.k8s.io';

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
const resourcesByGroupVersion = new Map<string, DiscoveredResource[]>();
const groupOrder: string[] = [];

function addResource(group: string, version: string, r: DiscoveredResource): void {
  const gv = group ? `${group}/${version}` : version;
  if (group && !groupOrder.includes(group)) groupOrder.push(group);
  const list = resourcesByGroupVersion.get(gv) ?? [];
  list.push(r);
  resourcesByGroupVersion.set(gv, list);
}

for (const t of RESOURCE_TYPES) {
  addResource(t.group, t.version, { name: t.plural, singularName: t.kind.toLowerCase(), namespaced: t.namespaced, kind: t.kind, verbs: ['get', 'list'], ...kubectlNames(t.group, t.plural) });
  if (t.key === 'nodes') addResource('', 'v1', { name: 'nodes/proxy', singularName: '', namespaced: false, kind: 'NodeProxyOptions', verbs: ['get'] });
}
addResource(AUTHZ_GROUP, 'v1', { name: 'selfsubjectaccessreviews', singularName: 'selfsubjectaccessreview', namespaced: false, kind: 'SelfSubjectAccessReview', verbs: ['create'] });
addResource(AUTHZ_GROUP, 'v1', { name: 'selfsubjectrulesreviews', singularName: 'selfsubjectrulesreview', namespaced: false, kind: 'SelfSubjectRulesReview', verbs: ['create'] });

export function versionInfo(v: ServerVersion): Record<string, string> {
  return { major: v.major, minor: v.minor, gitVersion: v.gitVersion, platform: v.platform ?? DEFAULT_VERSION.platform! };
}

export function apiVersions(serverAddress: string): Record<string, unknown> {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function groupVersions(group: string): { groupVersion: string; version: string }[] {
  return [...resourcesByGroupVersion.keys()].filter((gv) => gv.startsWith(`${group}/`)).map((gv) => ({ groupVersion: gv, version: gv.slice(group.length + 1) }));
}

function apiGroupBody(group: string): Record<string, unknown> {
  const versions = groupVersions(group);
  return { name: group, versions, preferredVersion: versions[0] };
}

export function apiGroupList(): Record<string, unknown> {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groupOrder.map(apiGroupBody) };
}

/** /apis/{group}; undefined for a group this server does not serve. */
export function apiGroup(group: string): Record<string, unknown> | undefined {
  return groupOrder.includes(group) ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroupBody(group) } : undefined;
}

/** /api/v1 or /apis/{group}/{version}; undefined for a group version this server does not serve. */
export function apiResourceList(group: string, version: string): Record<string, unknown> | undefined {
  const groupVersion = group ? `${group}/${version}` : version;
  const resources = resourcesByGroupVersion.get(groupVersion);
  return resources ? { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources } : undefined;
}

/** The served group versions, for routing. */
export const servesGroupVersion = (group: string, version: string): boolean => resourcesByGroupVersion.has(group ? `${group}/${version}` : version);


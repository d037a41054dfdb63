/**
 * URL paths to what they address, following the API server's layout:
 * /api/v1/{plural}[/{name}], /api/v1/namespaces/{ns}/{plural}[/{name}], the same under
 * /apis/{group}/{version}, /api/v1/nodes/{name}/proxy/{path}, /api/v1/namespaces/{ns}/pods/{name}/log, discovery and health paths.
 */
import { atVersion, RESOURCE_TYPES, type ResourceType } from '../core/resources.js';
import { AUTHN_GROUP, AUTHZ_GROUP, servesGroupVersion } from './discovery.js';

export type Route =
  | { kind: 'version' }
  | { kind: 'health' }
  | { kind: 'api' }
  | { kind: 'apis' }
  | { kind: 'group'; group: string }
  | { kind: 'resources'; group: string; version: string }
  | { kind: 'list'; type: ResourceType; namespace?: string }
  | { kind: 'get'; type: ResourceType; namespace?: string; name: string }
  | { kind: 'nodeProxy'; node: string; path: string }
  | { kind: 'podLog'; namespace: string; name: string }
  | { kind: 'review'; review: 'selfsubjectaccessreviews' | 'selfsubjectrulesreviews' }
  | { kind: 'whoami' }
  | { kind: 'openapi'; path: string }
  | { kind: 'notFound' };

// Optional kinds at every version they may be served at; the server answers only what the Inventory serves.
const types = new Map(RESOURCE_TYPES.flatMap((t) => [t.version, ...(t.altVersions ?? [])].map((v) => [`${t.group}/${v}/${t.plural}`, atVersion(t, v)] as const)));

function segmentsOf(pathname: string): string[] | undefined {
  try {
    return pathname.split('/').filter((s) => s !== '').map(decodeURIComponent);
  } catch {
    return undefined; // malformed %-escape
  }
}

export function route(pathname: string): Route {
  const seg = segmentsOf(pathname);
  if (!seg) return { kind: 'notFound' };
  const p = seg.join('/');
  if (p === 'version') return { kind: 'version' };
  if (p === 'healthz' || p === 'livez' || p === 'readyz') return { kind: 'health' };
  if (p === 'api') return { kind: 'api' };
  if (p === 'apis') return { kind: 'apis' };
  if (seg[0] === 'openapi' && seg[1] === 'v3') return { kind: 'openapi', path: seg.slice(2).join('/') };

  let group: string;
  let version: string;
  let rest: string[];
  if (seg[0] === 'api' && seg.length >= 2) [group, version, rest] = ['', seg[1], seg.slice(2)];
  else if (seg[0] === 'apis' && seg.length === 2) return { kind: 'group', group: seg[1] };
  else if (seg[0] === 'apis' && seg.length >= 3) [group, version, rest] = [seg[1], seg[2], seg.slice(3)];
  else return { kind: 'notFound' };

  if (!servesGroupVersion(group, version)) return { kind: 'notFound' };
  if (rest.length === 0) return { kind: 'resources', group, version };
  if (group === AUTHN_GROUP) return rest.length === 1 && rest[0] === 'selfsubjectreviews' ? { kind: 'whoami' } : { kind: 'notFound' };
  if (group === AUTHZ_GROUP) {
    return rest.length === 1 && (rest[0] === 'selfsubjectaccessreviews' || rest[0] === 'selfsubjectrulesreviews') ? { kind: 'review', review: rest[0] } : { kind: 'notFound' };
  }
  const typeOf = (plural: string) => types.get(`${group}/${version}/${plural}`);

  // {plural} or {plural}/{name}: cluster-scoped kinds, and cluster-wide lists of namespaced kinds.
  const top = typeOf(rest[0]);
  if (group === '' && rest[0] === 'nodes' && rest.length >= 3 && rest[2] === 'proxy') return { kind: 'nodeProxy', node: rest[1], path: rest.slice(3).join('/') };
  if (top && rest.length === 1) return { kind: 'list', type: top };
  if (top && rest.length === 2 && !top.namespaced) return { kind: 'get', type: top, name: rest[1] };

  if (group === '' && rest[0] === 'namespaces' && rest.length === 5 && rest[2] === 'pods' && rest[4] === 'log') return { kind: 'podLog', namespace: rest[1], name: rest[3] };
  // namespaces/{ns}/{plural}[/{name}]
  if (rest[0] === 'namespaces' && rest.length >= 3 && rest.length <= 4) {
    const t = typeOf(rest[2]);
    if (t?.namespaced) return rest.length === 3 ? { kind: 'list', type: t, namespace: rest[1] } : { kind: 'get', type: t, namespace: rest[1], name: rest[3] };
  }
  return { kind: 'notFound' };
}

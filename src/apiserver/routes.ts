/**
 * URL paths to what they address, following the API server's layout:
 * /api/v1/{plural}[/{name}], /api/v1/namespaces/{ns}/{plural}[/{name}], the same under
 * /apis/{group}/{version}, /api/v1/nodes/{name}/proxy/{path}, /api/v1/namespaces/{ns}/pods/{name}/log, discovery and health paths.
 */
import { atVersion, CONSTRAINTS_GROUP, RESOURCE_TYPES, type ResourceType } from '../core/resources.js';
import { AUTHN_GROUP, AUTHZ_GROUP, servesGroupVersion } from './discovery.js';

export type Route =
  | { kind: 'version' }
  | { kind: 'health' }
  | { kind: 'api' }
  | { kind: 'apis' }
  | { kind: 'group'; group: string }
  | { kind: 'resources'; group: string; version: string }
  | { kind: 'list'; type: ResourceType; namespace?: string }
  /** A Gatekeeper constraint kind: served per Inventory (its constraints), not from the table. */
  | { kind: 'constraints'; version: string; plural: string; name?: string }
  | { kind: 'get'; type: ResourceType; namespace?: string; name: string }
  | { kind: 'nodeProxy'; node: string; path: string }
  | { kind: 'podLog'; namespace: string; name: string }
  | { kind: 'review'; review: 'selfsubjectaccessreviews' | 'selfsubjectrulesreviews' }
  | { kind: 'whoami' }
  | { kind: 'openapi'; path: string }
  | { kind: 'openapiV2' }
  | { kind: 'notFound' };

// Optional kinds at every version they may be served at; the server answers only what the Inventory serves.
const types = new Map(
  RESOURCE_TYPES.flatMap((t) =>
    [t.version, ...(t.altVersions ?? [])].map((v) => [`${t.group}/${v}/${t.plural}`, atVersion(t, v)] as const),
  ),
);

function segmentsOf(pathname: string): string[] | undefined {
  try {
    return pathname
      .split('/')
      .filter((s) => s !== '')
      .map(decodeURIComponent);
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
  const [s0, s1, s2] = seg;
  if (s0 === 'openapi' && s1 === 'v3') return { kind: 'openapi', path: seg.slice(2).join('/') };
  if (p === 'openapi/v2') return { kind: 'openapiV2' };

  let group: string;
  let version: string;
  let rest: string[];
  if (s0 === 'api' && s1 !== undefined) [group, version, rest] = ['', s1, seg.slice(2)];
  else if (s0 === 'apis' && s1 !== undefined && s2 === undefined) return { kind: 'group', group: s1 };
  else if (s0 === 'apis' && s1 !== undefined && s2 !== undefined) [group, version, rest] = [s1, s2, seg.slice(3)];
  else return { kind: 'notFound' };

  const [r0, r1, r2, r3, r4] = rest;
  // Discovery of any group version: served or not is the Inventory's (unevaluated network-policy kinds included).
  if (r0 === undefined) return { kind: 'resources', group, version };
  if (!servesGroupVersion(group, version)) return { kind: 'notFound' };
  if (group === CONSTRAINTS_GROUP) return rest.length <= 2 ? { kind: 'constraints', version, plural: r0, name: r1 } : { kind: 'notFound' };
  if (group === AUTHN_GROUP) return rest.length === 1 && r0 === 'selfsubjectreviews' ? { kind: 'whoami' } : { kind: 'notFound' };
  if (group === AUTHZ_GROUP) {
    return rest.length === 1 && (r0 === 'selfsubjectaccessreviews' || r0 === 'selfsubjectrulesreviews')
      ? { kind: 'review', review: r0 }
      : { kind: 'notFound' };
  }
  const typeOf = (plural: string) => types.get(`${group}/${version}/${plural}`);

  // {plural} or {plural}/{name}: cluster-scoped kinds, and cluster-wide lists of namespaced kinds.
  const top = typeOf(r0);
  if (group === '' && r0 === 'nodes' && r1 !== undefined && r2 === 'proxy')
    return { kind: 'nodeProxy', node: r1, path: rest.slice(3).join('/') };
  if (top && rest.length === 1) return { kind: 'list', type: top };
  if (top && r1 !== undefined && r2 === undefined && !top.namespaced) return { kind: 'get', type: top, name: r1 };

  if (group === '' && r0 === 'namespaces' && rest.length === 5 && r1 !== undefined && r2 === 'pods' && r3 !== undefined && r4 === 'log')
    return { kind: 'podLog', namespace: r1, name: r3 };
  // namespaces/{ns}/{plural}[/{name}]
  if (r0 === 'namespaces' && r1 !== undefined && r2 !== undefined && rest.length <= 4) {
    const t = typeOf(r2);
    if (t?.namespaced)
      return r3 === undefined ? { kind: 'list', type: t, namespace: r1 } : { kind: 'get', type: t, namespace: r1, name: r3 };
  }
  return { kind: 'notFound' };
}

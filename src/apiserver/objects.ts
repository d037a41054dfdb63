/**
 * Object reads: lists (paged, filtered, full or metadata-only) and single GETs, plus the kubelet
 * configz proxy. Only the page being sent is serialised; list items are shallow copies without
 * kind/apiVersion, as in the real server's JSON.
 */
import type { KObject } from '../core/k8s.js';
import { apiVersionOf, CONSTRAINTS_GROUP, type ResourceType } from '../core/resources.js';
import type { Inventory } from '../core/inventory.js';
import { constraintObject, constraintPlural } from '../core/gatekeeper.js';
import { constraintKinds } from './discovery.js';
import { decodeContinue, checkContinue, encodeContinue, parseLimit, takePage } from './paging.js';
import { objectFilter } from './selectors.js';
import { ApiError, notFoundObject } from './status.js';
import type { Store } from './store.js';
import { tableOf } from './table.js';

export interface Reply {
  status: number;
  contentType: string;
  body: string;
  /** A binary answer (protobuf), sent instead of `body` (which then describes it, for faults and logs). */
  bytes?: Uint8Array;
}

const JSON_TYPE = 'application/json';
const META_GROUP_VERSION = 'meta.k8s.io/v1';

export const jsonReply = (status: number, value: unknown): Reply => ({ status, contentType: JSON_TYPE, body: JSON.stringify(value) });

type Rendering = 'full' | 'metadata' | 'table-v1' | 'table-v1beta1';

/**
 * Content negotiation over the Accept list, first usable entry wins: plain JSON, JSON
 * `as=PartialObjectMetadata[List];g=meta.k8s.io;v=v1`, or JSON `as=Table;g=meta.k8s.io` (v1 or v1beta1,
 * what kubectl get asks for). Protobuf and other types are skipped: clients list JSON after them.
 */
export function negotiate(accept: string | undefined, list: boolean): Rendering {
  if (!accept || !accept.trim()) return 'full';
  for (const range of accept.split(',')) {
    const [type, ...params] = range.split(';').map((s) => s.trim());
    if (type !== JSON_TYPE && type !== '*/*' && type !== 'application/*') continue;
    const p = Object.fromEntries(params.map((kv) => kv.split('=').map((s) => s.trim())));
    if (p.as === undefined) return 'full';
    if (p.as === (list ? 'PartialObjectMetadataList' : 'PartialObjectMetadata') && p.g === 'meta.k8s.io' && p.v === 'v1') return 'metadata';
    if (p.as === 'Table' && p.g === 'meta.k8s.io' && (p.v === 'v1' || p.v === 'v1beta1'))
      return p.v === 'v1' ? 'table-v1' : 'table-v1beta1';
  }
  throw new ApiError(406, 'NotAcceptable', `only the following media types are accepted: ${JSON_TYPE}`);
}

const withoutTypeMeta = (o: KObject): Omit<KObject, 'kind' | 'apiVersion'> => {
  const { kind: _kind, apiVersion: _apiVersion, ...rest } = o;
  return rest;
};
const partial = (o: KObject) => ({ kind: 'PartialObjectMetadata', apiVersion: META_GROUP_VERSION, metadata: o.metadata });

export interface ListRequest {
  type: ResourceType;
  namespace?: string;
  query: Record<string, string>;
  accept?: string;
  resourceVersion: string;
}

export function listObjects(store: Store, req: ListRequest): Reply {
  const rendering = negotiate(req.accept, true);
  const labelSelector = req.query.labelSelector ?? '';
  const fieldSelector = req.query.fieldSelector ?? '';
  const filter = objectFilter(labelSelector, fieldSelector, req.type.kind);
  const limit = parseLimit(req.query.limit);
  const listId = {
    resource: req.type.key,
    namespace: req.namespace ?? '',
    labelSelector,
    fieldSelector,
    resourceVersion: req.resourceVersion,
  };
  let start = 0;
  if (req.query.continue) {
    const token = decodeContinue(req.query.continue);
    checkContinue(token, listId);
    start = token.offset;
  }

  const all = req.namespace === undefined ? store.list(req.type.key) : store.list(req.type.key, req.namespace);
  const page = takePage(all, start, limit, filter);
  const metadata: Record<string, unknown> = { resourceVersion: req.resourceVersion };
  if (page.next !== undefined) {
    metadata.continue = encodeContinue({ ...listId, offset: page.next });
    // The real server counts what is left only when nothing is filtered.
    if (!filter) metadata.remainingItemCount = all.length - page.next;
  }

  if (rendering === 'table-v1' || rendering === 'table-v1beta1')
    return tableReply(req.type, page.items, metadata, req.query.includeObject, rendering);
  if (rendering === 'metadata') {
    const body = { kind: 'PartialObjectMetadataList', apiVersion: META_GROUP_VERSION, metadata, items: page.items.map(partial) };
    return { status: 200, contentType: `${JSON_TYPE};as=PartialObjectMetadataList;g=meta.k8s.io;v=v1`, body: JSON.stringify(body) };
  }
  return jsonReply(200, {
    kind: `${req.type.kind}List`,
    apiVersion: apiVersionOf(req.type),
    metadata,
    items: page.items.map(withoutTypeMeta),
  });
}

export function getObject(
  store: Store,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
  accept: string | undefined,
  includeObject?: string,
): Reply {
  const rendering = negotiate(accept, false);
  const obj = store.get(type.key, namespace, name);
  if (!obj) throw notFoundObject(type.plural, type.group, name);
  if (rendering === 'table-v1' || rendering === 'table-v1beta1') return tableReply(type, [obj], {}, includeObject, rendering);
  if (rendering === 'metadata')
    return { status: 200, contentType: `${JSON_TYPE};as=PartialObjectMetadata;g=meta.k8s.io;v=v1`, body: JSON.stringify(partial(obj)) };
  return jsonReply(200, { apiVersion: apiVersionOf(type), kind: type.kind, ...withoutTypeMeta(obj) });
}

function tableReply(
  type: ResourceType,
  objects: readonly KObject[],
  listMeta: Record<string, unknown>,
  includeObject: string | undefined,
  rendering: 'table-v1' | 'table-v1beta1',
): Reply {
  const version = rendering.slice('table-'.length);
  const body = tableOf(type, objects, listMeta, includeObject, version);
  return { status: 200, contentType: `${JSON_TYPE};as=Table;g=meta.k8s.io;v=${version}`, body: JSON.stringify(body) };
}

/** GET /api/v1/nodes/{node}/proxy/configz: the kubelet's answer, or the error a missing node or an unreachable kubelet gives. */
export function nodeProxy(store: Store, node: string, path: string): Reply {
  if (!store.get('nodes', undefined, node)) throw notFoundObject('nodes', '', node);
  if (path !== 'configz') throw new ApiError(404, 'NotFound', `the kubelet on node "${node}" does not serve /${path} through this server`);
  const kubelet = store.inventory.kubelets.find((k) => k.node === node);
  if (!kubelet)
    throw new ApiError(503, 'ServiceUnavailable', `error trying to reach service: dial tcp ${node}:10250: connect: connection refused`);
  return jsonReply(200, { kubeletconfig: kubelet.config });
}

/**
 * GET pods/{name}/log: the pod's log as text, with the real server's tailLines and limitBytes
 * (the last N lines, then at most N bytes from their start).
 */
export function podLog(store: Store, logs: Record<string, string>, namespace: string, name: string, query: Record<string, string>): Reply {
  if (!store.get('pods', namespace, name)) throw notFoundObject('pods', '', name);
  let text = logs[`${namespace}/${name}`] ?? '';
  const tail = Number(query.tailLines);
  if (query.tailLines !== undefined && Number.isInteger(tail) && tail >= 0) {
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    text = lines
      .slice(Math.max(0, lines.length - tail))
      .map((l) => `${l}\n`)
      .join('');
  }
  const limit = Number(query.limitBytes);
  if (query.limitBytes !== undefined && Number.isInteger(limit) && limit > 0) text = Buffer.from(text).subarray(0, limit).toString('utf8');
  return { status: 200, contentType: 'text/plain', body: text };
}

/**
 * A Gatekeeper constraint kind (list, or one by name) from the Inventory's digests, at the group
 * version the Inventory records; undefined when that kind or version is not served. One page: a
 * kind holds a handful of constraints.
 */
export const servedConstraintKind = (inv: Inventory, version: string, plural: string): string | undefined =>
  inv.served?.gatekeeperConstraints === `${CONSTRAINTS_GROUP}/${version}`
    ? constraintKinds(inv).find((k) => constraintPlural(k) === plural)
    : undefined;

export function constraintsReply(
  inv: Inventory,
  version: string,
  plural: string,
  name: string | undefined,
  resourceVersion: string,
): Reply | undefined {
  const served = `${CONSTRAINTS_GROUP}/${version}`;
  const kind = servedConstraintKind(inv, version, plural);
  if (kind === undefined) return undefined;
  const items = inv.gatekeeperConstraints
    .filter((c) => c.kind === kind && (name === undefined || c.name === name))
    .map((c) => constraintObject(c, served));
  if (name === undefined)
    return jsonReply(200, {
      kind: `${kind}List`,
      apiVersion: served,
      metadata: { resourceVersion },
      items: items.map(({ apiVersion: _a, kind: _k, ...rest }) => rest),
    });
  const [one] = items;
  if (!one) throw notFoundObject(plural, CONSTRAINTS_GROUP, name);
  return jsonReply(200, one);
}

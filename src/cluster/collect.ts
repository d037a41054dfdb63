/**
 * Reads what the selected checks require into an Inventory. One resource table drives it; lists
 * are paged (restarted on 410 Gone) and run concurrently under p-limit. A failed read is recorded
 * in coverage and the scan goes on, so its controls become not-assessed instead of passing.
 */
import pLimit from 'p-limit';
import { ClusterError, UsageError } from '../core/errors.js';
import { emptyInventory, namespaceFilter, type CoverageEntry, type Inventory, type InventoryKey, type ServerVersion } from '../core/inventory.js';
import type { KObject } from '../core/k8s.js';
import { detectPlatform, findControlPlane } from '../core/platform.js';
import { apiVersionOf, listPath, resourceByKey, type ResourceKey, type ResourceType, RESOURCE_KEYS } from '../core/resources.js';
import { sanitizeObject } from '../core/sanitize.js';
import { sanitizeSettings } from '../core/sanitize-settings.js';
import { HttpError, type KubeHttp } from './http.js';

export const PAGE_SIZE = 500;
const MAX_LIST_RESTARTS = 3;
const METADATA_ONLY_ACCEPT = 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json';

export interface CollectOptions {
  /** Inventory keys the selected checks require. */
  keys: Iterable<InventoryKey>;
  /** Restrict namespaced kinds to these namespaces. */
  namespaces?: string[];
  excludeNamespaces?: string[];
  concurrency: number;
  pageSize?: number;
  context?: string;
  server?: string;
}

interface ListResponse {
  metadata?: { continue?: string; resourceVersion?: string };
  items?: KObject[];
}

export async function collectInventory(http: KubeHttp, opts: CollectOptions): Promise<Inventory> {
  const inv = emptyInventory({
    type: 'live',
    context: opts.context,
    server: opts.server,
    collectedAt: new Date().toISOString(),
    namespaces: opts.namespaces?.length ? [...opts.namespaces] : undefined,
    excludedNamespaces: opts.excludeNamespaces?.length ? [...opts.excludeNamespaces] : undefined,
  });
  const limit = pLimit(Math.max(1, opts.concurrency));
  const pageSize = opts.pageSize ?? PAGE_SIZE;
  const wanted = new Set<InventoryKey>(opts.keys);
  const excluded = new Set(opts.excludeNamespaces ?? []);
  const only = opts.namespaces?.length ? new Set(opts.namespaces) : undefined;
  const keep = namespaceFilter(opts.namespaces, opts.excludeNamespaces);

  inv.version = await readVersion(http);
  inv.collected.push('version');
  if (only) await verifyNamespaces(http, [...only]);

  // Nodes are always read: the platform (managed or not) decides whether control-plane controls apply.
  const resources = new Set<ResourceKey>(['nodes']);
  for (const k of wanted) if ((RESOURCE_KEYS as readonly string[]).includes(k)) resources.add(k as ResourceKey);
  if (wanted.has('kubelets')) resources.add('nodes');
  const needsNamespaceList = [...resources].some((k) => resourceByKey(k).namespaced) && !only;
  if (needsNamespaceList) resources.add('namespaces');

  const lister = new Lister(http, inv.coverage, pageSize);
  const store = (key: ResourceKey, items: KObject[]): void => {
    inv[key] = items.filter(keep);
    inv.collected.push(key);
  };

  // Namespaces first: a forbidden cluster-wide list of a namespaced kind falls back to per-namespace lists.
  if (resources.has('namespaces')) store('namespaces', (await lister.list(resourceByKey('namespaces'))) ?? []);
  const knownNamespaces = only ? [...only] : inv.namespaces.map((n) => n.metadata.name);

  const tasks = [...resources].filter((k) => k !== 'namespaces').map((key) =>
    (async () => {
      const r = resourceByKey(key);
      if (r.namespaced && only) {
        const perNs = await Promise.all([...only].map((ns) => limit(() => lister.list(r, ns))));
        store(key, perNs.flatMap((items) => items ?? []));
        return;
      }
      const all = await limit(() => lister.tryList(r));
      if (Array.isArray(all)) return store(key, all);
      if (!(all.status === 403 && r.namespaced && knownNamespaces.length)) {
        lister.record(r, undefined, all);
        return store(key, []);
      }
      // Cluster scope refused: try namespace by namespace (namespace-scoped credentials).
      const perNs = await Promise.all(knownNamespaces.filter((ns) => !excluded.has(ns)).map((ns) => limit(() => lister.list(r, ns))));
      store(key, perNs.flatMap((items) => items ?? []));
    })(),
  );
  await Promise.all(tasks);

  inv.platform = detectPlatform(inv.version, inv.nodes, inv.namespaces);
  if (wanted.has('controlPlane')) await collectControlPlane(inv, lister, only, excluded);
  if (wanted.has('kubelets')) await collectKubelets(http, inv, limit);
  inv.coverage.sort((a, b) => a.key.localeCompare(b.key) || (a.namespace ?? '').localeCompare(b.namespace ?? '') || (a.node ?? '').localeCompare(b.node ?? ''));
  return inv;
}

/** A mistyped -n must not give an empty, green scan: a namespace the server says does not exist is bad input. */
async function verifyNamespaces(http: KubeHttp, names: string[]): Promise<void> {
  for (const ns of names) {
    try {
      await http.getJson(`/api/v1/namespaces/${encodeURIComponent(ns)}`);
    } catch (err) {
      if (err instanceof HttpError && err.status === 404) throw new UsageError(`--namespace ${ns}: no such namespace in the cluster`);
      // Forbidden or unreachable: the lists below record what could not be read.
    }
  }
}

async function readVersion(http: KubeHttp): Promise<ServerVersion> {
  try {
    return await http.getJson<ServerVersion>('/version');
  } catch (err) {
    if (err instanceof HttpError) {
      if (err.status === 401) throw new ClusterError(`authentication failed: the API server answered 401 Unauthorized (${err.message})`);
      if (err.reason === 'Config') throw new UsageError(`kubeconfig: ${err.message}`);
      if (err.status === null) throw new ClusterError(`cannot reach the API server: ${err.message}`);
      if (err.status === 403) return { major: '', minor: '', gitVersion: 'unknown' };
      throw new ClusterError(`the API server answered GET /version with ${err.status} ${err.reason}: ${err.message}`);
    }
    throw err;
  }
}

/** Paged lists with coverage bookkeeping. */
class Lister {
  constructor(
    private readonly http: KubeHttp,
    private readonly coverage: CoverageEntry[],
    private readonly pageSize: number,
  ) {}

  /** All items of one kind (cluster-wide or in one namespace), or undefined when the read failed (recorded in coverage). */
  async list(r: ResourceType, namespace?: string): Promise<KObject[] | undefined> {
    const result = await this.tryList(r, namespace);
    if (Array.isArray(result)) return result;
    this.record(r, namespace, result);
    return undefined;
  }

  record(r: ResourceType, namespace: string | undefined, err: HttpError): void {
    this.coverage.push({ key: r.key, kind: r.kind, namespace, status: err.status, reason: `${err.reason}: ${err.message}` });
  }

  /** The items, or the error that ended the read (not recorded). */
  async tryList(r: ResourceType, namespace?: string): Promise<KObject[] | HttpError> {
    const apiVersion = apiVersionOf(r);
    for (let restart = 0; ; restart++) {
      const items: KObject[] = [];
      let cont: string | undefined;
      try {
        do {
          const query = new URLSearchParams({ limit: String(this.pageSize) });
          if (cont) query.set('continue', cont);
          const page = await this.http.getJson<ListResponse>(`${listPath(r, namespace)}?${query}`, r.metadataOnly ? METADATA_ONLY_ACCEPT : undefined);
          for (const item of page.items ?? []) {
            // List items carry no kind/apiVersion; metadata-only items carry meta.k8s.io's.
            item.kind = r.kind;
            item.apiVersion = apiVersion;
            items.push(sanitizeObject(item));
          }
          cont = page.metadata?.continue || undefined;
        } while (cont);
        return items;
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        // 410 Gone: the continue token expired mid-list; the whole list restarts for a consistent view.
        if (err.status === 410 && cont !== undefined && restart < MAX_LIST_RESTARTS) continue;
        return err;
      }
    }
  }
}

async function collectControlPlane(inv: Inventory, lister: Lister, only: Set<string> | undefined, excluded: Set<string>): Promise<void> {
  const podsCoverKubeSystem = inv.collected.includes('pods') && !excluded.has('kube-system') && (!only || only.has('kube-system'));
  const failedKubeSystem = inv.coverage.some((c) => c.key === 'pods' && (c.namespace === undefined || c.namespace === 'kube-system'));
  let pods: KObject[] | undefined;
  if (podsCoverKubeSystem && !failedKubeSystem) pods = inv.pods;
  else {
    const read = await lister.tryList(resourceByKey('pods'), 'kube-system');
    pods = Array.isArray(read) ? read : undefined;
  }
  if (!pods) {
    inv.coverage.push({ key: 'controlPlane', kind: 'Pod', namespace: 'kube-system', status: 403, reason: 'control-plane static pods in kube-system could not be read' });
    return;
  }
  inv.controlPlane = findControlPlane(pods);
  inv.collected.push('controlPlane');
}

async function collectKubelets(http: KubeHttp, inv: Inventory, limit: ReturnType<typeof pLimit>): Promise<void> {
  inv.collected.push('kubelets');
  if (!inv.collected.includes('nodes') || inv.coverage.some((c) => c.key === 'nodes')) {
    inv.coverage.push({ key: 'kubelets', kind: 'Node', status: null, reason: 'nodes could not be listed, so no kubelet was asked for its configuration' });
    return;
  }
  const results = await Promise.all(
    inv.nodes.map((node) =>
      limit(async () => {
        const name = node.metadata.name;
        try {
          const body = await http.getJson<{ kubeletconfig?: Record<string, unknown> }>(`/api/v1/nodes/${encodeURIComponent(name)}/proxy/configz`);
          if (!body.kubeletconfig) throw new HttpError('configz', 200, 'BadResponse', 'configz has no kubeletconfig');
          return { node: name, config: sanitizeSettings(body.kubeletconfig) };
        } catch (err) {
          if (!(err instanceof HttpError)) throw err;
          inv.coverage.push({ key: 'kubelets', kind: 'Node', node: name, status: err.status, reason: `configz: ${err.reason}: ${err.message}` });
          return undefined;
        }
      }),
    ),
  );
  inv.kubelets = results.filter((k): k is NonNullable<typeof k> => k !== undefined);
}

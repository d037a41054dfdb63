/**
 * Builds the Inventory from the chosen source: --manifests, --snapshot, or a live cluster through
 * the kubeconfig / in-cluster service account. client-node is imported lazily: it costs ~0.5 s and
 * ~130 MiB, which offline scans, --help and `kaudit report` should not pay.
 */
import { namespaceFilter, type Inventory, type InventoryKey } from '../core/inventory.js';
import { RESOURCE_KEYS } from '../core/resources.js';
import { UsageError } from '../core/errors.js';

export interface SourceArgs {
  kubeconfig?: string;
  context?: string;
  inCluster?: boolean;
  manifests?: string[];
  snapshot?: string;
  /** Namespace of offline objects that name none (default `default`, as kubectl apply). */
  manifestNamespace?: string;
  namespace?: string[];
  excludeNamespace?: string[];
  concurrency: number;
  /** Seconds per API request. */
  requestTimeout: number;
  debug?: boolean;
  /** Retry and paging bounds; the CLI keeps the defaults, tests and the bench tighten them. */
  limits?: ClusterLimits;
}

export interface ClusterLimits {
  retries?: number;
  backoffMs?: number;
  pageSize?: number;
  /** Object ceiling per list; the page cap is derived from it. */
  maxListObjects?: number;
  listTimeoutMs?: number;
}

export interface LoadedSource {
  inventory: Inventory;
  warnings: string[];
}

export async function loadInventory(args: SourceArgs, keys: Iterable<InventoryKey>, log: (line: string) => void): Promise<LoadedSource> {
  const offline = [args.manifests?.length ? '--manifests' : '', args.snapshot ? '--snapshot' : ''].filter(Boolean);
  const live = [args.kubeconfig ? '--kubeconfig' : '', args.context ? '--context' : '', args.inCluster ? '--in-cluster' : ''].filter(Boolean);
  if (offline.length > 1 || (offline.length && live.length)) throw new UsageError(`${[...offline, ...live].join(' and ')} cannot be combined: choose one source`);
  // Offline readers are imported when used: their schema validators cost about 0.1 s to load.
  const defaults = { namespace: args.manifestNamespace };
  if (args.manifests?.length) {
    const { loadManifests } = await import('../offline/manifests.js');
    const loaded = await loadManifests(args.manifests, process.stdin, defaults);
    if (!objectCount(loaded.inventory)) throw new UsageError(`manifests ${args.manifests.join(' ')}: no Kubernetes object that kaudit audits in the input${loaded.warnings.length ? ` (${loaded.warnings[0]})` : ''}`);
    return { inventory: filterNamespaces(loaded.inventory, args), warnings: loaded.warnings };
  }
  if (args.snapshot) {
    const { readSnapshot } = await import('../offline/snapshot.js');
    return { inventory: filterNamespaces(readSnapshot(args.snapshot, defaults), args), warnings: [] };
  }
  const { collectInventory } = await import('../cluster/collect.js');
  const { conn, http } = await openCluster(args, log);
  try {
    const inventory = await collectInventory(http, {
      keys,
      namespaces: args.namespace,
      excludeNamespaces: args.excludeNamespace,
      concurrency: args.concurrency,
      pageSize: args.limits?.pageSize,
      maxListObjects: args.limits?.maxListObjects,
      listTimeoutMs: args.limits?.listTimeoutMs,
      context: conn.contextName,
      server: conn.server,
    });
    if (args.debug) log(`collected in ${http.requestCount} requests`);
    return { inventory, warnings: inventory.coverage.map((c) => `could not read ${c.kind}${c.namespace ? ` in ${c.namespace}` : ''}${c.node ? ` on ${c.node}` : ''}: ${c.reason}`) };
  } finally {
    await http.close();
  }
}

/** The kubeconfig or in-cluster connection and an authenticated client for it (client-node loaded lazily). */
export async function openCluster(args: SourceArgs, log: (line: string) => void) {
  const { resolveConnection } = await import('../cluster/kubeconfig.js');
  const { KubeHttp, DEFAULT_HTTP_OPTIONS } = await import('../cluster/http.js');
  const conn = resolveConnection({ kubeconfig: args.kubeconfig, context: args.context, inCluster: args.inCluster });
  if (args.debug) log(`connecting to ${conn.server} (context ${conn.contextName}${conn.inCluster ? ', in-cluster' : ''})`);
  const http = new KubeHttp(conn.kc, conn.server, {
    timeoutMs: args.requestTimeout * 1000,
    retries: args.limits?.retries ?? DEFAULT_HTTP_OPTIONS.retries,
    backoffMs: args.limits?.backoffMs ?? DEFAULT_HTTP_OPTIONS.backoffMs,
    debug: args.debug ? log : undefined,
  });
  return { conn, http };
}

/** -n / --exclude-namespace for offline sources, the same predicate the collector applies. */
function filterNamespaces(inv: Inventory, args: SourceArgs): Inventory {
  if (!args.namespace?.length && !args.excludeNamespace?.length) return inv;
  for (const ns of args.namespace ?? []) {
    const present = inv.namespaces.some((n) => n.metadata.name === ns) || RESOURCE_KEYS.some((k) => inv[k].some((o) => o.metadata.namespace === ns));
    if (!present) throw new UsageError(`--namespace ${ns}: no such namespace in the input`);
  }
  const keep = namespaceFilter(args.namespace, args.excludeNamespace);
  for (const key of RESOURCE_KEYS) inv[key] = inv[key].filter(keep);
  inv.source.namespaces = args.namespace?.length ? args.namespace : undefined;
  inv.source.excludedNamespaces = args.excludeNamespace?.length ? args.excludeNamespace : undefined;
  return inv;
}

const objectCount = (inv: Inventory): number => RESOURCE_KEYS.reduce((n, k) => n + inv[k].length, 0) + inv.kubelets.length;

/**
 * Builds the Inventory from the chosen source: --manifests, --snapshot, or a live cluster through
 * the kubeconfig / in-cluster service account. client-node is imported lazily: it costs ~0.5 s and
 * ~130 MiB, which offline scans, --help and `kaudit report` should not pay.
 */
import { namespaceFilter, type Inventory, type InventoryKey } from '../core/inventory.js';
import { RESOURCE_KEYS } from '../core/resources.js';
import { UsageError } from '../core/errors.js';
import { resetSharing } from '../core/compact.js';
import type { CollectProgress } from '../cluster/collect.js';
import { readNodeReportFiles } from '../offline/node-reports.js';
import { newestPerNode, staleness, type NodeReport } from '../core/node-report.js';

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
  /** --node-report files: they stand in for the agent's logs (and are merged into a snapshot's). */
  nodeReports?: string[];
  /** Where the node agent's pods run, and how old their last report may be. */
  agentNamespace?: string;
  /**
   * How old a report may be. Agent logs are aged against the time of the read (default 24h); reports
   * from --node-report files, manifests and snapshots only when this is set (scan and snapshot set it,
   * `serve` and `demo` do not), against `nodeReportsAsOf`.
   */
  nodeReportMaxAgeMs?: number;
  /** The clock for aging reports from files, manifests and snapshots: --as-of, else now. */
  nodeReportsAsOf?: Date;
  /** Retry and paging bounds; the CLI keeps the defaults, tests and the bench tighten them. */
  limits?: ClusterLimits;
  /** Progress of a live read (pages per kind, kubelet configz): see src/cli/progress.ts. */
  onProgress?: (event: CollectProgress) => void;
  /** A live read asks who the credentials are, for the report (scans). */
  identity?: boolean;
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

/** Inventories being read in this process (a fleet scan reads several at once). */
let reading = 0;

export async function loadInventory(args: SourceArgs, keys: Iterable<InventoryKey>, log: (line: string) => void): Promise<LoadedSource> {
  reading++;
  try {
    return await readInventory(args, keys, log);
  } finally {
    // The sharing table (src/core/compact.ts) holds up to two million of the objects just read: once
    // no Inventory is being read it only keeps them alive (after the scan, while the report is written).
    if (--reading === 0) resetSharing();
  }
}

async function readInventory(args: SourceArgs, keys: Iterable<InventoryKey>, log: (line: string) => void): Promise<LoadedSource> {
  const offline = [args.manifests?.length ? '--manifests' : '', args.snapshot ? '--snapshot' : ''].filter(Boolean);
  const live = [args.kubeconfig ? '--kubeconfig' : '', args.context ? '--context' : '', args.inCluster ? '--in-cluster' : ''].filter(
    Boolean,
  );
  if (offline.length > 1 || (offline.length && live.length))
    throw new UsageError(`${[...offline, ...live].join(' and ')} cannot be combined: choose one source`);
  // Offline readers are imported when used: their schema validators cost about 0.1 s to load.
  const defaults = { namespace: args.manifestNamespace };
  // Read (and validated) before anything else: a bad file is bad input, found before a long collection.
  const nodeReports = args.nodeReports?.length ? readNodeReportFiles(args.nodeReports) : undefined;
  if (args.manifests?.length) {
    const { loadManifests } = await import('../offline/manifests.js');
    const loaded = await loadManifests(args.manifests, process.stdin, defaults);
    if (!objectCount(loaded.inventory))
      throw new UsageError(
        `manifests ${args.manifests.join(' ')}: no Kubernetes object that kaudit audits in the input${loaded.warnings.length ? ` (${loaded.warnings[0]})` : ''}`,
      );
    return { inventory: aged(withNodeReports(filterNamespaces(loaded.inventory, args), nodeReports), args), warnings: loaded.warnings };
  }
  if (args.snapshot) {
    const { readSnapshot } = await import('../offline/snapshot.js');
    return {
      inventory: aged(withNodeReports(filterNamespaces(readSnapshot(args.snapshot, defaults), args), nodeReports), args),
      warnings: [],
    };
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
      onProgress: args.onProgress,
      identity: args.identity,
    });
    const wanted = new Set(keys);
    if (nodeReports) aged(withNodeReports(inventory, nodeReports), args);
    else if (wanted.has('nodeReports')) {
      const { readAgentReports, AGENT_NAMESPACE, DEFAULT_MAX_AGE_MS } = await import('../cluster/agent-reports.js');
      const read = await readAgentReports(http, inventory, {
        namespace: args.agentNamespace ?? AGENT_NAMESPACE,
        maxAgeMs: args.nodeReportMaxAgeMs ?? DEFAULT_MAX_AGE_MS,
        concurrency: args.concurrency,
      });
      inventory.nodeReports = read.reports;
      inventory.coverage.push(...read.coverage);
      inventory.collected.push('nodeReports');
    }
    if (args.debug) log(`collected in ${http.requestCount} requests`);
    return {
      inventory,
      warnings: inventory.coverage.map(
        (c) => `could not read ${c.kind}${c.namespace ? ` in ${c.namespace}` : ''}${c.node ? ` on ${c.node}` : ''}: ${c.reason}`,
      ),
    };
  } finally {
    await http.close();
  }
}

/**
 * --node-report files into an Inventory: merged with the reports it has (the newest per node wins),
 * and the agent-log gaps of the nodes they report are gone. Other gaps stay (a node no file covers,
 * a refusal that names no node): the per-node checks must still see those nodes as unread.
 */
export function withNodeReports(inv: Inventory, files: NodeReport[] | undefined): Inventory {
  if (!files) return inv;
  inv.nodeReports = newestPerNode([...inv.nodeReports, ...files]);
  const reported = new Set(files.map((r) => r.node));
  inv.coverage = inv.coverage.filter((c) => c.key !== 'nodeReports' || c.node === undefined || !reported.has(c.node));
  if (!inv.collected.includes('nodeReports')) inv.collected.push('nodeReports');
  return inv;
}

/**
 * Reports from files, manifests and snapshots older than --node-report-max-age (at --as-of, else
 * now) leave the Inventory: their node gets a coverage entry saying so, as a stale agent log does.
 */
function aged(inv: Inventory, args: SourceArgs): Inventory {
  const maxAge = args.nodeReportMaxAgeMs;
  if (maxAge === undefined) return inv;
  const now = (args.nodeReportsAsOf ?? new Date()).getTime();
  inv.nodeReports = inv.nodeReports.filter((r) => {
    const stale = staleness(r.collectedAt, now, maxAge);
    if (stale) inv.coverage.push({ key: 'nodeReports', kind: 'Node', node: r.node, status: null, reason: `its node report ${stale}` });
    return !stale;
  });
  return inv;
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
    const present =
      inv.namespaces.some((n) => n.metadata.name === ns) || RESOURCE_KEYS.some((k) => inv[k].some((o) => o.metadata.namespace === ns));
    if (!present) throw new UsageError(`--namespace ${ns}: no such namespace in the input`);
  }
  const keep = namespaceFilter(args.namespace, args.excludeNamespace);
  for (const key of RESOURCE_KEYS) {
    const objects = inv[key];
    // Manifest sources stay index for index with their objects.
    const sources = inv.sources?.[key];
    if (sources) inv.sources![key] = objects.flatMap((o, i) => (keep(o) ? [sources[i]] : []));
    inv[key] = objects.filter(keep);
  }
  inv.source.namespaces = args.namespace?.length ? args.namespace : undefined;
  inv.source.excludedNamespaces = args.excludeNamespace?.length ? args.excludeNamespace : undefined;
  return inv;
}

const objectCount = (inv: Inventory): number =>
  RESOURCE_KEYS.reduce((n, k) => n + inv[k].length, 0) + inv.kubelets.length + inv.nodeReports.length;

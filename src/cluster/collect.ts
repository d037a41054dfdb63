/**
 * Reads what the selected checks require into an Inventory. One resource table drives it; lists
 * are paged (restarted on 410 Gone) and run concurrently under p-limit. A failed read is recorded
 * in coverage and the scan goes on, so its controls become not-assessed instead of passing.
 * Fail closed: an answer that is not a list of objects is a failed read, never an empty list;
 * paging is bounded in pages and time; a scan in which no read succeeded, or during which the
 * server went away or refused the credentials, ends with a ClusterError (exit 3).
 */
import pLimit from 'p-limit';
import { ClusterError, UsageError } from '../core/errors.js';
import {
  emptyInventory,
  namespaceFilter,
  type CoverageEntry,
  type Inventory,
  type InventoryKey,
  type ScanIdentity,
  type ServerVersion,
} from '../core/inventory.js';
import type { KObject } from '../core/k8s.js';
import { detectPlatform, findControlPlane } from '../core/platform.js';
import {
  apiVersionOf,
  CONSTRAINTS_GROUP,
  listPath,
  resourceByKey,
  type ResourceKey,
  type ResourceType,
  RESOURCE_KEYS,
} from '../core/resources.js';
import { constraintDigest, type GatekeeperConstraint } from '../core/gatekeeper.js';
import { discoverOptional, type Discovered } from './discover.js';
import { sanitizeObject } from '../core/sanitize.js';
import { compactObject } from '../core/compact.js';
import { sanitizeSettings } from '../core/sanitize-settings.js';
import { isRecord, shapeProblem } from '../core/shape.js';
import { fatalError, HttpError, type KubeHttp } from './http.js';

export const PAGE_SIZE = 500;
/** A generous ceiling on one list (ten times Kubernetes' 150,000-pod envelope); the page cap is derived from it. */
export const MAX_LIST_OBJECTS = 2_000_000;
/** How long one list, all its pages and restarts included, may take. */
export const LIST_TIMEOUT_MS = 10 * 60_000;
const MAX_LIST_RESTARTS = 3;
/** Constraint kinds listed at most (one per ConstraintTemplate; real installs have tens): beyond, the rest is coverage. */
export const MAX_CONSTRAINT_KINDS = 500;
const METADATA_ONLY_ACCEPT = 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json';

export interface CollectOptions {
  /** Inventory keys the selected checks require. */
  keys: Iterable<InventoryKey>;
  /** Restrict namespaced kinds to these namespaces. */
  namespaces?: string[];
  excludeNamespaces?: string[];
  concurrency: number;
  pageSize?: number;
  /** Ceiling on objects per list (default MAX_LIST_OBJECTS); pages are capped at ceil(ceiling / pageSize). */
  maxListObjects?: number;
  /** Deadline per list in ms (default LIST_TIMEOUT_MS). */
  listTimeoutMs?: number;
  context?: string;
  server?: string;
  /** Told of each page read (kind, objects on it) and each kubelet configz answered, for progress lines. */
  onProgress?: (event: CollectProgress) => void;
  /** Ask who the credentials are (one SelfSubjectReview) for the report: scans do, who-can and rbac do not need it. */
  identity?: boolean;
}

export type CollectProgress = { kind: string; objects: number } | { configz: number; of: number };

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
  if (opts.identity) inv.source.identity = await readIdentity(http);
  if (only) await verifyNamespaces(http, [...only]);

  // Nodes are always read: the platform (managed or not) decides whether control-plane controls apply.
  const resources = new Set<ResourceKey>(['nodes']);
  for (const k of wanted) if ((RESOURCE_KEYS as readonly string[]).includes(k)) resources.add(k as ResourceKey);
  if (wanted.has('kubelets')) resources.add('nodes');
  const needsNamespaceList = [...resources].some((k) => resourceByKey(k).namespaced) && !only;
  if (needsNamespaceList) resources.add('namespaces');

  const maxObjects = opts.maxListObjects ?? MAX_LIST_OBJECTS;
  const lister = new Lister(http, inv.coverage, {
    pageSize,
    maxObjects,
    maxPages: Math.ceil(maxObjects / pageSize),
    timeoutMs: opts.listTimeoutMs ?? LIST_TIMEOUT_MS,
    onProgress: opts.onProgress,
  });
  const store = (key: ResourceKey, items: KObject[]): void => {
    inv[key] = items.filter(keep);
    inv.collected.push(key);
  };

  // Optional kinds: one discovery pass says which are served (and at which version); the others are
  // collected as not served (none exist), and a failed discovery leaves them unread (coverage).
  const optional = [...resources].map(resourceByKey).filter((r) => r.optional);
  const discovered = await discoverOptional(http, optional, lister, wanted.has('gatekeeperConstraints'), resources.has('networkPolicies'));
  inv.unevaluatedNetworkPolicyKinds = discovered.unevaluated;
  const typeOf = (key: ResourceKey): ResourceType => discovered.served.get(key) ?? resourceByKey(key);
  for (const r of optional) {
    const served = discovered.served.get(r.key);
    if (served) {
      inv.served[r.key] = apiVersionOf(served);
      continue;
    }
    resources.delete(r.key);
    const err = discovered.failed.get(r.key);
    if (err)
      inv.coverage.push({ key: r.key, kind: r.kind, status: err.status, reason: `discovery (${err.path}): ${err.reason}: ${err.message}` });
    store(r.key, []);
  }

  // Namespaces first: a forbidden cluster-wide list of a namespaced kind falls back to per-namespace lists.
  if (resources.has('namespaces')) store('namespaces', (await lister.list(resourceByKey('namespaces'))) ?? []);
  const knownNamespaces = only ? [...only] : inv.namespaces.map((n) => n.metadata.name);

  const tasks = [...resources]
    .filter((k) => k !== 'namespaces')
    .map((key) =>
      (async () => {
        const r = typeOf(key);
        if (r.namespaced && only) {
          const perNs = await Promise.all([...only].map((ns) => limit(() => lister.list(r, ns))));
          store(
            key,
            perNs.flatMap((items) => items ?? []),
          );
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
        store(
          key,
          perNs.flatMap((items) => items ?? []),
        );
      })(),
    );
  if (wanted.has('gatekeeperConstraints')) tasks.push(collectConstraints(inv, lister, discovered.constraints, limit));
  await Promise.all(tasks);

  inv.platform = detectPlatform(inv.version, inv.nodes, inv.namespaces);
  if (wanted.has('controlPlane')) await collectControlPlane(inv, lister, only, excluded);
  if (wanted.has('kubelets')) await collectKubelets(lister, inv, limit, opts.onProgress);
  lister.failClosed();
  inv.coverage.sort(
    (a, b) =>
      a.key.localeCompare(b.key) || (a.namespace ?? '').localeCompare(b.namespace ?? '') || (a.node ?? '').localeCompare(b.node ?? ''),
  );
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

/**
 * Who the scan runs as (a SelfSubjectReview), for the report's cover. Never fails the scan: a
 * refusal, an API the server lacks (before Kubernetes 1.27) or a bad answer is "unknown" with why.
 */
export async function readIdentity(http: KubeHttp): Promise<ScanIdentity> {
  const known = (user: { username: string; groups: string[] }): ScanIdentity => ({ status: 'known', ...user });
  try {
    return known(await http.selfSubjectReview('v1'));
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    if (err.status !== 404) return { status: 'unknown', reason: identityReason(err) };
  }
  try {
    return known(await http.selfSubjectReview('v1beta1'));
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    return {
      status: 'unknown',
      reason:
        err.status === 404
          ? 'the API server does not serve SelfSubjectReview (authentication.k8s.io v1 or v1beta1: Kubernetes 1.27 and later)'
          : identityReason(err),
    };
  }
}

const identityReason = (err: HttpError): string =>
  err.status === 403
    ? `the credentials may not create a SelfSubjectReview (403 Forbidden)`
    : `SelfSubjectReview: ${err.status === null ? err.reason : `${err.status} ${err.reason}`}: ${err.message}`;

async function readVersion(http: KubeHttp): Promise<ServerVersion> {
  try {
    const version = await http.getJson<unknown>('/version');
    if (!isRecord(version) || typeof version.gitVersion !== 'string')
      throw new ClusterError('GET /version: the answer is not a Kubernetes version object (is this an API server?)');
    return version as unknown as ServerVersion;
  } catch (err) {
    if (err instanceof HttpError) {
      const fatal = fatalError(err);
      if (fatal) throw fatal;
      if (err.status === null) throw new ClusterError(`cannot reach the API server: ${err.message}`);
      if (err.status === 403) return { major: '', minor: '', gitVersion: 'unknown' };
      throw new ClusterError(`the API server answered GET /version with ${err.status} ${err.reason}: ${err.message}`);
    }
    throw err;
  }
}

interface ListLimits {
  pageSize: number;
  maxPages: number;
  maxObjects: number;
  timeoutMs: number;
  onProgress?: (event: CollectProgress) => void;
}

/** Paged, bounded lists with coverage bookkeeping; also keeps score of what succeeded and what was fatal. */
class Lister {
  /** Reads that returned data. With none, nothing could be judged. */
  private succeeded = 0;
  private failed = 0;
  /** The first failure that makes the whole scan untrustworthy: the server went away or refused the credentials. */
  private fatal?: HttpError;

  constructor(
    readonly http: KubeHttp,
    private readonly coverage: CoverageEntry[],
    private readonly limits: ListLimits,
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

  /** Bookkeeping for reads outside tryList (kubelet configz). */
  noteSuccess(): void {
    this.succeeded++;
  }

  noteFailure(err: HttpError): void {
    this.failed++;
    if (!this.fatal && fatalError(err)) this.fatal = err;
  }

  /** Throws when the scan cannot be trusted at all: the server went away or refused us mid-scan, or no read succeeded. */
  failClosed(): void {
    if (this.fatal) {
      const fatal = fatalError(this.fatal)!;
      throw this.fatal.status === null && fatal.exitCode === 3
        ? new ClusterError(`the API server stopped answering mid-scan: ${this.fatal.message}`)
        : fatal;
    }
    if (this.succeeded === 0 && this.failed > 0) {
      const first = this.coverage[0];
      const what = first ? ` (first: ${first.kind}${first.namespace ? ` in ${first.namespace}` : ''}: ${first.reason})` : '';
      throw new ClusterError(
        `no read succeeded: all ${this.failed} reads failed${what}; nothing could be assessed (kaudit preflight shows what these credentials may read)`,
      );
    }
  }

  /** The items, or the error that ended the read (counted, not recorded). */
  async tryList(r: ResourceType, namespace?: string): Promise<KObject[] | HttpError> {
    const result = await this.readList(r, namespace);
    if (Array.isArray(result)) this.noteSuccess();
    else this.noteFailure(result);
    return result;
  }

  private async readList(r: ResourceType, namespace?: string): Promise<KObject[] | HttpError> {
    const { pageSize, maxPages, maxObjects, timeoutMs } = this.limits;
    const path = listPath(r, namespace);
    const apiVersion = apiVersionOf(r);
    // One deadline for the whole read, restarts included.
    const deadline = Date.now() + timeoutMs;
    const tooSlow = (pages: number) =>
      new HttpError(path, null, 'Deadline', `the list took longer than ${timeoutMs / 1000} s (${pages} pages read)`);
    for (let restart = 0; ; restart++) {
      const items: KObject[] = [];
      const seenTokens = new Set<string>();
      let cont: string | undefined;
      let pages = 0;
      try {
        do {
          if (pages >= maxPages)
            throw new HttpError(
              path,
              200,
              'Paging',
              `the list did not end after ${maxPages} pages (${items.length} objects): the server keeps sending continue tokens`,
            );
          if (Date.now() >= deadline) throw tooSlow(pages);
          const query = new URLSearchParams({ limit: String(pageSize) });
          if (cont) query.set('continue', cont);
          const page = listPage(
            path,
            await this.http.getJson<unknown>(`${path}?${query}`, r.metadataOnly ? METADATA_ONLY_ACCEPT : undefined, { deadline }),
          );
          pages++;
          this.limits.onProgress?.({ kind: r.kind, objects: page.items.length });
          for (const item of page.items) {
            // List items carry no kind/apiVersion; metadata-only items carry meta.k8s.io's.
            item.kind = r.kind;
            item.apiVersion = apiVersion;
            const problem = shapeProblem(item as KObject);
            if (problem) throw new HttpError(path, 200, 'BadResponse', `object ${items.length + 1} of the list is malformed: ${problem}`);
            items.push(compactObject(sanitizeObject(item as KObject)));
          }
          if (items.length > maxObjects) throw new HttpError(path, 200, 'Paging', `the list has more than ${maxObjects} objects`);
          if (page.continue !== undefined && seenTokens.has(page.continue))
            throw new HttpError(
              path,
              200,
              'Paging',
              `the server sent the same continue token again (page ${pages}): the list would never end`,
            );
          if (page.continue !== undefined) seenTokens.add(page.continue);
          cont = page.continue;
        } while (cont);
        return items;
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        if (err.reason === 'Timeout' && Date.now() >= deadline) return tooSlow(pages);
        // 410 Gone: the continue token expired mid-list; the whole list restarts for a consistent view.
        if (err.status === 410 && cont !== undefined && restart < MAX_LIST_RESTARTS) continue;
        return err;
      }
    }
  }
}

/** A list answer as kaudit relies on it: an object with an items array of objects, and an optional string continue token. */
function listPage(path: string, body: unknown): { items: Record<string, unknown>[]; continue?: string } {
  const bad = (what: string) => new HttpError(path, 200, 'BadResponse', what);
  if (!isRecord(body))
    throw bad(`the list answer is ${body === null ? 'null' : Array.isArray(body) ? 'an array' : `a ${typeof body}`}, not an object`);
  if (body.kind === 'Status')
    throw bad(`the server answered 200 with a Status instead of a list${typeof body.message === 'string' ? ` (${body.message})` : ''}`);
  if (!Array.isArray(body.items))
    throw bad(body.items === undefined ? 'the list answer has no items' : "the list answer's items is not an array");
  const i = body.items.findIndex((item) => !isRecord(item) || !isRecord(item.metadata));
  if (i >= 0)
    throw bad(
      `object ${i + 1} of the page is ${isRecord(body.items[i]) ? 'without a metadata object' : `${body.items[i] === null ? 'null' : 'not an object'}`}`,
    );
  const meta = body.metadata;
  const token = isRecord(meta) ? meta.continue : undefined;
  if (token !== undefined && token !== null && typeof token !== 'string') throw bad("the list's metadata.continue is not a string");
  return { items: body.items as Record<string, unknown>[], continue: typeof token === 'string' && token !== '' ? token : undefined };
}

/**
 * Gatekeeper constraints: every kind discovery found in constraints.gatekeeper.sh is listed
 * (bounded by MAX_CONSTRAINT_KINDS and the usual paging limits) and each object kept as a digest.
 * Not served: none exist (a fact). A failed discovery, list or malformed object is coverage.
 */
async function collectConstraints(
  inv: Inventory,
  lister: Lister,
  found: Discovered['constraints'],
  limit: ReturnType<typeof pLimit>,
): Promise<void> {
  inv.collected.push('gatekeeperConstraints');
  const gap = (kind: string, status: number | null, reason: string) =>
    inv.coverage.push({ key: 'gatekeeperConstraints', kind, status, reason });
  if (found === undefined) return;
  if (found instanceof HttpError)
    return void gap('Constraint', found.status, `discovery (${found.path}): ${found.reason}: ${found.message}`);
  inv.served.gatekeeperConstraints = `${CONSTRAINTS_GROUP}/${found.version}`;
  if (found.kinds.length > MAX_CONSTRAINT_KINDS)
    gap('Constraint', null, `${found.kinds.length} constraint kinds are served; only the first ${MAX_CONSTRAINT_KINDS} were read`);
  const lists = await Promise.all(
    found.kinds.slice(0, MAX_CONSTRAINT_KINDS).map(({ kind, plural }) =>
      limit(async (): Promise<GatekeeperConstraint[]> => {
        // A table entry for this one kind; `key` is not used by the list itself (coverage is recorded here).
        const type = {
          key: 'gatekeeperConstraintTemplates',
          kind,
          group: CONSTRAINTS_GROUP,
          version: found.version,
          plural,
          namespaced: false,
          optional: true,
        } satisfies ResourceType;
        const items = await lister.tryList(type);
        if (!Array.isArray(items)) return (gap(kind, items.status, `${items.reason}: ${items.message}`), []);
        const digests: GatekeeperConstraint[] = [];
        for (const item of items) {
          const d = constraintDigest(item);
          if ('problem' in d) return (gap(kind, 200, `BadResponse: ${item.metadata.name}: ${d.problem}`), []);
          digests.push(d);
        }
        return digests;
      }),
    ),
  );
  inv.gatekeeperConstraints = lists.flat();
}

async function collectControlPlane(inv: Inventory, lister: Lister, only: Set<string> | undefined, excluded: Set<string>): Promise<void> {
  // kube-system left out by -n or --exclude-namespace: not read (the scope is the user's word); the
  // checks reading the control plane say they are outside the scanned namespaces (outsideScanScope).
  if ((only && !only.has('kube-system')) || excluded.has('kube-system')) return;
  const podsCoverKubeSystem = inv.collected.includes('pods') && !excluded.has('kube-system') && (!only || only.has('kube-system'));
  const failedKubeSystem = inv.coverage.some((c) => c.key === 'pods' && (c.namespace === undefined || c.namespace === 'kube-system'));
  const pods = podsCoverKubeSystem && !failedKubeSystem ? inv.pods : await lister.tryList(resourceByKey('pods'), 'kube-system');
  if (!Array.isArray(pods)) {
    inv.coverage.push({
      key: 'controlPlane',
      kind: 'Pod',
      namespace: 'kube-system',
      status: pods.status,
      reason: `control-plane static pods in kube-system could not be read: ${pods.reason}: ${pods.message}`,
    });
    return;
  }
  inv.controlPlane = findControlPlane(pods);
  inv.collected.push('controlPlane');
}

async function collectKubelets(
  lister: Lister,
  inv: Inventory,
  limit: ReturnType<typeof pLimit>,
  onProgress?: (event: CollectProgress) => void,
): Promise<void> {
  inv.collected.push('kubelets');
  if (!inv.collected.includes('nodes') || inv.coverage.some((c) => c.key === 'nodes')) {
    inv.coverage.push({
      key: 'kubelets',
      kind: 'Node',
      status: null,
      reason: 'nodes could not be listed, so no kubelet was asked for its configuration',
    });
    return;
  }
  let answered = 0;
  const results = await Promise.all(
    inv.nodes.map((node) =>
      limit(async () => {
        // 0/N before the first answer; each read counts when it ends, whatever its outcome.
        onProgress?.({ configz: answered, of: inv.nodes.length });
        const name = node.metadata.name;
        const path = `/api/v1/nodes/${encodeURIComponent(name)}/proxy/configz`;
        try {
          const body = await lister.http.getJson<unknown>(path);
          const config = isRecord(body) ? body.kubeletconfig : undefined;
          if (!isRecord(config))
            throw new HttpError(path, 200, 'BadResponse', body === null ? 'the answer is null' : 'the answer has no kubeletconfig object');
          lister.noteSuccess();
          onProgress?.({ configz: ++answered, of: inv.nodes.length });
          return { node: name, config: sanitizeSettings(config) };
        } catch (err) {
          if (!(err instanceof HttpError)) throw err;
          lister.noteFailure(err);
          onProgress?.({ configz: ++answered, of: inv.nodes.length });
          inv.coverage.push({
            key: 'kubelets',
            kind: 'Node',
            node: name,
            status: err.status,
            reason: `configz: ${err.reason}: ${err.message}`,
          });
          return undefined;
        }
      }),
    ),
  );
  inv.kubelets = results.filter((k): k is NonNullable<typeof k> => k !== undefined);
}

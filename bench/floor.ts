/**
 * Bench child: the floor. The same reads as the full scan (every kind it lists, page size 500, the
 * same p-limit concurrency, the same KubeHttp client, so TLS, auth, keep-alive and JSON.parse are
 * identical) and nothing else: each page is fetched, parsed and dropped.
 *
 *   node dist/bench/floor.js --kubeconfig FILE [--concurrency 8] [--profiles a,b]
 *
 * Prints {ms, cpuMs, requests, items, peakRssMiB, lists} on stdout (cpuMs: user + system CPU time
 * of this process over the same window as ms).
 */
import pLimit from 'p-limit';
import { PAGE_SIZE } from '../src/cluster/collect.js';
import { KubeHttp } from '../src/cluster/http.js';
import { resolveConnection } from '../src/cluster/kubeconfig.js';
import { listPath, resourceByKey, type ResourceKey } from '../src/core/resources.js';
import { checkFlags, emit, intFlag, parseArgs, peakRssMiB, runMain, stringFlag } from './common.js';
import { plannedReads, requiredKeys, shippedProfileIds } from './reads.js';

/** collect.ts's Accept for metadata-only kinds (Secrets): values never leave the server. */
const METADATA_ONLY_ACCEPT = 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json';
/** The CLI's default --request-timeout (30 s) and its retry policy. */
const HTTP_OPTIONS = { timeoutMs: 30_000, retries: 5, backoffMs: 250 };

interface ListPage {
  metadata?: { continue?: string };
  items?: { metadata?: { name?: string } }[];
}

async function main(): Promise<void> {
  const flags = parseArgs(process.argv.slice(2));
  checkFlags(flags, ['kubeconfig', 'concurrency', 'profiles']);
  const kubeconfig = stringFlag(flags, 'kubeconfig');
  if (!kubeconfig) throw new Error('--kubeconfig FILE is required');
  const concurrency = intFlag(flags, 'concurrency', 8);
  const profiles = stringFlag(flags, 'profiles')?.split(',') ?? shippedProfileIds();
  const plan = plannedReads(requiredKeys(profiles));

  const started = performance.now();
  const cpu = process.cpuUsage();
  const conn = resolveConnection({ kubeconfig });
  const http = new KubeHttp(conn.kc, conn.server, HTTP_OPTIONS);
  const limit = pLimit(concurrency);
  let items = 0;

  /** Pages through one list; only node names are kept (the configz reads need them). */
  const listAll = async (key: ResourceKey, namespace?: string, keepNames?: string[]): Promise<void> => {
    const r = resourceByKey(key);
    let cont: string | undefined;
    do {
      const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (cont) query.set('continue', cont);
      const page = await http.getJson<ListPage>(`${listPath(r, namespace)}?${query}`, r.metadataOnly ? METADATA_ONLY_ACCEPT : undefined);
      items += page.items?.length ?? 0;
      if (keepNames) for (const item of page.items ?? []) keepNames.push(item.metadata?.name ?? '');
      cont = page.metadata?.continue || undefined;
    } while (cont);
  };

  try {
    await http.getJson('/version');
    // collect.ts asks who the scan runs as (for the report's cover) right after /version.
    await http.selfSubjectReview();
    const nodeNames: string[] = [];
    // collect.ts lists namespaces first, then everything else concurrently.
    if (plan.resources[0] === 'namespaces') await listAll('namespaces');
    await Promise.all(
      plan.resources
        .filter((k) => k !== 'namespaces')
        .map((k) => limit(() => listAll(k, undefined, k === 'nodes' ? nodeNames : undefined))),
    );
    if (plan.facts.includes('controlPlane') && !plan.resources.includes('pods')) await listAll('pods', 'kube-system');
    if (plan.kubelets)
      await Promise.all(nodeNames.map((node) => limit(() => http.getJson(`/api/v1/nodes/${encodeURIComponent(node)}/proxy/configz`))));
  } finally {
    await http.close();
  }
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  emit({
    ms: Math.round(ms),
    cpuMs: Math.round((used.user + used.system) / 1000),
    requests: http.requestCount,
    items,
    peakRssMiB: peakRssMiB(),
    lists: plan.resources,
    kubelets: plan.kubelets,
  });
}

runMain(main);

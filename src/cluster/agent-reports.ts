/**
 * Node reports from the node agent's DaemonSet: its pods are found by label in the agent's
 * namespace, and each pod's log (GET pods/{name}/log, read-only) ends with the last report it
 * printed. Logs are read with bounded concurrency, the tail only, bounded in bytes.
 *
 * Fail closed, node by node: once the agent runs, a node whose agent pod is missing, whose log cannot be read, holds no
 * valid report, a report for another node, or one older than the maximum age gets a coverage entry
 * (key nodeReports) with the reason, so its controls are not-assessed, never passed.
 */
import pLimit from 'p-limit';
import type { CoverageEntry, Inventory } from '../core/inventory.js';
import { mapSelectorMatches } from '../core/label-selector.js';
import { isRecord, textAt } from '../core/shape.js';
import type { KObject } from '../core/k8s.js';
import { MAX_NODE_REPORT_BYTES, newestPerNode, parseNodeReportText, staleness, type NodeReport } from '../core/node-report.js';
import { fatalError, HttpError, type KubeHttp } from './http.js';

export const AGENT_NAMESPACE = 'kaudit-node';
export const AGENT_LABELS = { 'app.kubernetes.io/name': 'kaudit-node' } as const;
export const AGENT_SELECTOR = Object.entries(AGENT_LABELS)
  .map(([k, v]) => `${k}=${v}`)
  .join(',');
export const DEFAULT_MAX_AGE_MS = 24 * 3_600_000;
/** One report per run is printed; a few lines of tail cover a run that also logged a warning. */
const TAIL_LINES = 5;

export interface AgentReportOptions {
  namespace: string;
  maxAgeMs: number;
  concurrency: number;
  now?: Date;
}

export interface AgentReports {
  reports: NodeReport[];
  coverage: CoverageEntry[];
}

export async function readAgentReports(http: KubeHttp, inv: Inventory, opts: AgentReportOptions): Promise<AgentReports> {
  const { namespace } = opts;
  const coverage: CoverageEntry[] = [];
  const gap = (reason: string, extra: Partial<CoverageEntry> = {}, status: number | null = null): void => {
    coverage.push({ key: 'nodeReports', kind: 'Pod', namespace, status, reason, ...extra });
  };
  const listed = await agentPods(http, inv, namespace);
  if ('failure' in listed) {
    gap(`node agent pods (${AGENT_SELECTOR}) could not be listed: ${listed.failure.reason}`, {}, listed.failure.status);
    return { reports: [], coverage };
  }
  const pods = listed.pods;
  const running = pods.filter((p) => textAt(p.spec, 'nodeName'));
  // No agent deployed is not a failed read: there is nothing to read, and the node checks say why
  // they cannot judge (no node report). A deployed agent that misses nodes is a gap (below).
  if (!running.length) return { reports: [], coverage };
  const limit = pLimit(Math.max(1, opts.concurrency));
  const now = (opts.now ?? new Date()).getTime();
  const read = await Promise.all(running.map((pod) => limit(() => reportOf(http, pod, namespace, now, opts.maxAgeMs, gap))));
  const reports = newestPerNode(read.filter((r): r is NodeReport => r !== undefined));
  // A node the DaemonSet does not reach (taints, node selector) has no report either.
  const withPod = new Set(running.map((p) => textAt(p.spec, 'nodeName')));
  for (const node of inv.nodes) {
    const name = node.metadata.name;
    if (!withPod.has(name))
      gap(`no node agent pod runs on node ${name} (taints or the DaemonSet's node selector?)`, {
        kind: 'Node',
        namespace: undefined,
        node: name,
      });
  }
  return { reports, coverage };
}

/**
 * The agent's pods: from the pods the scan already listed (paged, bounded, failures recorded) when
 * they cover the agent's namespace, else one GET by label.
 */
async function agentPods(
  http: KubeHttp,
  inv: Inventory,
  namespace: string,
): Promise<{ pods: KObject[] } | { failure: { status: number | null; reason: string } }> {
  const { namespaces, excludedNamespaces } = inv.source;
  const covered =
    inv.collected.includes('pods') && (!namespaces || namespaces.includes(namespace)) && !excludedNamespaces?.includes(namespace);
  if (covered) {
    // Any failed pod read fails closed: the agent's namespace may be among what was not read.
    const failures = inv.coverage.filter((c) => c.key === 'pods');
    const failed = failures.find((c) => c.namespace === undefined || c.namespace === namespace) ?? failures[0];
    if (failed) return { failure: { status: failed.status, reason: failed.reason } };
    return { pods: inv.pods.filter((p) => p.metadata.namespace === namespace && mapSelectorMatches(AGENT_LABELS, p.metadata.labels)) };
  }
  try {
    const list = await http.getJson<{ items?: unknown; metadata?: { continue?: unknown } }>(
      `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods?labelSelector=${encodeURIComponent(AGENT_SELECTOR)}`,
    );
    if (!isRecord(list) || !Array.isArray(list.items)) throw new HttpError('pods', 200, 'BadResponse', 'the list answer has no items');
    if (list.items.some((p) => !isRecord(p) || !isRecord(p.metadata)))
      throw new HttpError('pods', 200, 'BadResponse', 'an item of the list is not an object with metadata');
    // One page is all a DaemonSet's pods need; a server that pages them anyway is not trusted to end.
    if (list.metadata?.continue) throw new HttpError('pods', 200, 'BadResponse', 'the list of agent pods came with a continue token');
    return { pods: list.items as KObject[] };
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    const fatal = fatalError(err);
    if (fatal) throw fatal;
    return { failure: { status: err.status, reason: `${err.reason}: ${err.message}` } };
  }
}

async function reportOf(
  http: KubeHttp,
  pod: KObject,
  namespace: string,
  now: number,
  maxAgeMs: number,
  gap: (reason: string, extra?: Partial<CoverageEntry>, status?: number | null) => void,
): Promise<NodeReport | undefined> {
  const node = textAt(pod.spec, 'nodeName') ?? '';
  const name = pod.metadata.name;
  // The reason names the pod; the entry is the node's.
  const where = { node, namespace: undefined };
  let text: string;
  try {
    text = await http.getText(
      `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}/log?tailLines=${TAIL_LINES}&limitBytes=${MAX_NODE_REPORT_BYTES}`,
    );
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    const fatal = fatalError(err);
    if (fatal) throw fatal;
    gap(`the log of node agent pod ${namespace}/${name} could not be read: ${err.reason}: ${err.message}`, where, err.status);
    return undefined;
  }
  if (!text.trim()) {
    gap(`node agent pod ${namespace}/${name} has logged no report yet`, where);
    return undefined;
  }
  const parsed = parseNodeReportText(text);
  if ('problem' in parsed) {
    gap(
      `node agent pod ${namespace}/${name}: its log ${parsed.problem.startsWith('holds') || parsed.problem.startsWith('the last') ? parsed.problem : `holds a malformed report (${parsed.problem})`}`,
      where,
    );
    return undefined;
  }
  const { report } = parsed;
  if (report.node !== node) {
    gap(`node agent pod ${namespace}/${name} runs on node ${node} but reported node ${report.node}`, where);
    return undefined;
  }
  const stale = staleness(report.collectedAt, now, maxAgeMs);
  if (stale) {
    gap(`the last report of node agent pod ${namespace}/${name} ${stale}`, where);
    return undefined;
  }
  return report;
}

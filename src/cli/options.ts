/** Option groups shared by commands, with kubectl's names and conventions. */
import type { Argv } from 'yargs';
import { terminalLine } from '../core/terminal-text.js';
import type { SourceArgs } from './source.js';

export const sourceOptions = <T>(y: Argv<T>) =>
  y
    .option('kubeconfig', { type: 'string', describe: 'Path to the kubeconfig (default: $KUBECONFIG, merged, else ~/.kube/config)', group: 'Cluster:' })
    .option('context', { type: 'string', describe: 'kubeconfig context to use (default: current-context)', group: 'Cluster:' })
    .option('in-cluster', { type: 'boolean', describe: 'Use the pod service account (automatic in a pod when no kubeconfig is given)', group: 'Cluster:' })
    .option('request-timeout', { type: 'number', default: 30, describe: 'Seconds to wait for each API request', group: 'Cluster:' })
    .option('concurrency', { type: 'number', default: 8, describe: 'Parallel API requests', group: 'Cluster:' })
    .option('manifests', { type: 'string', array: true, describe: 'Scan YAML/JSON manifests instead of a cluster (files, directories, - for stdin; read document by document, at most 32 MiB each)', group: 'Offline:' })
    .option('snapshot', { type: 'string', describe: 'Scan a snapshot written by `kaudit snapshot`', group: 'Offline:' })
    .option('namespace', { alias: 'n', type: 'string', array: true, describe: 'Only these namespaces (repeatable; cluster-scoped objects are still read)', group: 'Filters:' })
    .option('exclude-namespace', { type: 'string', array: true, describe: 'Skip these namespaces (repeatable)', group: 'Filters:' })
    .check((a) => positiveInteger('concurrency', a.concurrency as number) ?? positiveInteger('request-timeout', a['request-timeout'] as number) ?? true);

/** Where node reports come from (scan and snapshot): files, or the agent's pod logs. */
export const nodeReportOptions = <T>(y: Argv<T>) =>
  y
    .option('node-report', { type: 'string', array: true, describe: 'Node report(s) written by `kaudit node` (repeatable); instead of reading the node agent\'s pod logs', group: 'Node reports:' })
    .option('agent-namespace', { type: 'string', default: 'kaudit-node', describe: 'Namespace of the node agent DaemonSet, whose pod logs hold the node reports', group: 'Node reports:' })
    .option('node-report-max-age', { type: 'string', default: '24h', describe: 'A node report older than this (30m, 24h, 7d) leaves its node not-assessed', group: 'Node reports:' })
    .check((a) => (a['node-report-max-age'] === undefined || durationMs(a['node-report-max-age'] as string) !== undefined ? true : `--node-report-max-age: expected a duration such as 30m, 24h or 7d (got "${String(a['node-report-max-age'])}")`));

/** 30s, 30m, 6h, 7d → milliseconds; undefined when not such a duration. */
export function durationMs(value: string): number | undefined {
  const m = /^(\d+)(s|m|h|d)$/.exec(value);
  const ms = m ? Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'] : 0;
  return ms > 0 ? ms : undefined;
}

export const positiveInteger = (name: string, value: number | undefined): string | undefined =>
  value !== undefined && (!Number.isInteger(value) || value < 1) ? `--${name} must be a positive whole number (got ${value})` : undefined;

/** The parsed source options as the pipeline takes them. */
export function sourceArgs(a: Record<string, unknown>): SourceArgs {
  return {
    kubeconfig: a.kubeconfig as string | undefined,
    context: a.context as string | undefined,
    inCluster: a.inCluster as boolean | undefined,
    manifests: a.manifests as string[] | undefined,
    snapshot: a.snapshot as string | undefined,
    namespace: a.namespace as string[] | undefined,
    excludeNamespace: a.excludeNamespace as string[] | undefined,
    concurrency: a.concurrency as number,
    requestTimeout: a.requestTimeout as number,
    debug: a.debug as boolean | undefined,
    nodeReports: a.nodeReport as string[] | undefined,
    agentNamespace: a.agentNamespace as string | undefined,
    nodeReportMaxAgeMs: typeof a.nodeReportMaxAge === 'string' ? durationMs(a.nodeReportMaxAge) : undefined,
  };
}

/** Commands log to stderr, one prefixed line each (lines quote cluster data: no control characters, no URL password). */
export const stderrLog = (err: (text: string) => void) => (line: string) => err(`kaudit: ${terminalLine(line)}\n`);

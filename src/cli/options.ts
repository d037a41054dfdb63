/** Option groups shared by commands, with kubectl's names and conventions. */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { terminalLine } from '../core/terminal-text.js';
import type { SourceArgs } from '../pipeline/source.js';

export const sourceOptions = <T>(y: Argv<T>) =>
  y
    .option('kubeconfig', {
      type: 'string',
      describe: 'Path to the kubeconfig (default: $KUBECONFIG, merged, else ~/.kube/config)',
      group: 'Cluster:',
    })
    .option('context', { type: 'string', describe: 'kubeconfig context to use (default: current-context)', group: 'Cluster:' })
    .option('in-cluster', {
      type: 'boolean',
      describe: 'Use the pod service account (automatic in a pod when no kubeconfig is given)',
      group: 'Cluster:',
    })
    .option('request-timeout', { type: 'number', default: 30, describe: 'Seconds to wait for each API request', group: 'Cluster:' })
    .option('concurrency', { type: 'number', default: 8, describe: 'Parallel API requests', group: 'Cluster:' })
    .option('manifests', {
      type: 'string',
      array: true,
      describe:
        'Scan YAML/JSON manifests instead of a cluster (files, directories, - for stdin; read document by document, at most 32 MiB each)',
      group: 'Offline:',
    })
    .option('snapshot', { type: 'string', describe: 'Scan a snapshot written by `kaudit snapshot`', group: 'Offline:' })
    .option('manifest-namespace', {
      type: 'string',
      default: 'default',
      describe: 'Namespace of offline objects that name none, as `kubectl apply` (docs/offline.md)',
      group: 'Offline:',
    })
    .option('namespace', {
      alias: 'n',
      type: 'string',
      array: true,
      describe:
        "Only these namespaces (comma list or repeated; cluster-scoped objects are still read; controls whose data lives elsewhere, such as kube-system's control plane, are not-assessed)",
      group: 'Filters:',
    })
    .option('all-namespaces', { alias: 'A', type: 'boolean', describe: 'Every namespace (the default; as kubectl -A)', group: 'Filters:' })
    .option('exclude-namespace', {
      type: 'string',
      array: true,
      describe: 'Skip these namespaces (repeatable; controls whose data lives there are not-assessed)',
      group: 'Filters:',
    })
    .check((a) => (a.allNamespaces && a.namespace?.length ? '-A/--all-namespaces and -n/--namespace cannot be combined' : true))
    .check(
      (a) =>
        positiveInteger('concurrency', a.concurrency) ??
        positiveInteger('request-timeout', a['request-timeout']) ??
        namespaceName('manifest-namespace', a['manifest-namespace']) ??
        true,
    );

/** Where node reports come from (scan and snapshot): files, or the agent's pod logs. */
export const nodeReportOptions = <T>(y: Argv<T>) =>
  y
    .option('node-report', {
      type: 'string',
      array: true,
      describe: "Node report(s) written by `kaudit node` (repeatable); instead of reading the node agent's pod logs",
      group: 'Node reports:',
    })
    .option('agent-namespace', {
      type: 'string',
      default: 'kaudit-node',
      describe: 'Namespace of the node agent DaemonSet, whose pod logs hold the node reports',
      group: 'Node reports:',
    })
    .option('node-report-max-age', {
      type: 'string',
      default: '24h',
      describe:
        'A node report older than this (30m, 24h, 7d) leaves its node not-assessed: agent logs as read, --node-report files, manifests and snapshots at --as-of (else now)',
      group: 'Node reports:',
    })
    .check((a) =>
      a['node-report-max-age'] === undefined || durationMs(a['node-report-max-age']) !== undefined
        ? true
        : `--node-report-max-age: expected a duration such as 30m, 24h or 7d (got "${String(a['node-report-max-age'])}")`,
    );

/** 30s, 30m, 6h, 7d → milliseconds; undefined when not such a duration. */
export function durationMs(value: string): number | undefined {
  const m = /^(\d+)(s|m|h|d)$/.exec(value);
  const ms = m ? Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'] : 0;
  return ms > 0 ? ms : undefined;
}

export const positiveInteger = (name: string, value: number | undefined): string | undefined =>
  value !== undefined && (!Number.isInteger(value) || value < 1) ? `--${name} must be a positive whole number (got ${value})` : undefined;

/** A namespace name is a DNS-1123 label (what the API server would accept). */
export const namespaceName = (name: string, value: unknown): string | undefined =>
  value === undefined || (typeof value === 'string' && value.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value))
    ? undefined
    : `--${name} must be a namespace name (lower-case letters, digits and '-', at most 63; got ${JSON.stringify(value)})`;

/**
 * A command whose handler gets the argv its builder declares: yargs infers each option's type
 * from its definition, so handlers read typed, camel-cased flags (no casts).
 */
export const typedCommand = <U>(def: {
  command: string | readonly string[];
  describe: string;
  builder: (y: Argv) => Argv<U>;
  handler: (argv: ArgumentsCamelCase<U>) => void | Promise<void>;
}): CommandModule<object, U> => def;

/** The camel-cased argv that an option group declares. */
export type ArgvOf<G extends (y: Argv) => Argv<unknown>> = ReturnType<G> extends Argv<infer U> ? ArgumentsCamelCase<U> : never;
export type SourceArgv = ArgvOf<typeof sourceOptions<object>>;
export type NodeReportArgv = ArgvOf<typeof nodeReportOptions<object>>;

/** --debug is declared once on the root parser (global), so a command's argv type does not know it: read it checked. */
export const debugFlag = (a: { readonly [flag: string]: unknown }): boolean | undefined =>
  typeof a.debug === 'boolean' ? a.debug : undefined;

/** The parsed source options as the pipeline takes them (node report flags where the command has them). */
export function sourceArgs(a: SourceArgv & Partial<NodeReportArgv>): SourceArgs {
  return {
    kubeconfig: a.kubeconfig,
    context: a.context,
    inCluster: a.inCluster,
    manifests: a.manifests,
    snapshot: a.snapshot,
    manifestNamespace: a.manifestNamespace,
    namespace: commaList(a.namespace),
    excludeNamespace: commaList(a.excludeNamespace),
    concurrency: a.concurrency,
    requestTimeout: a.requestTimeout,
    debug: debugFlag(a),
    nodeReports: a.nodeReport,
    agentNamespace: a.agentNamespace,
    nodeReportMaxAgeMs: typeof a.nodeReportMaxAge === 'string' ? durationMs(a.nodeReportMaxAge) : undefined,
  };
}

/** `-n a,b -n c` as kubectl and --checks read it: a,b,c. */
const commaList = (v: unknown): string[] | undefined =>
  Array.isArray(v)
    ? v
        .flatMap((x) => String(x).split(','))
        .map((x) => x.trim())
        .filter(Boolean)
    : undefined;

/** Commands log to stderr, one prefixed line each (lines quote cluster data: no control characters, no URL password). */
export const stderrLog = (err: (text: string) => void) => (line: string) => err(`kaudit: ${terminalLine(line)}\n`);

/**
 * Examples as a comment line and the command on its own line: yargs gives a description-less
 * example the full width, so a command is never broken across lines at 80 columns.
 */
export const examples = <T>(y: Argv<T>, list: [command: string, description: string][]): Argv<T> =>
  list.reduce((acc, [command, description]) => acc.example(`# ${description}\n${command}`, ''), y);

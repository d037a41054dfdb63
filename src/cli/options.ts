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
    .option('manifest-namespace', { type: 'string', default: 'default', describe: 'Namespace of offline objects that name none, as `kubectl apply` (docs/offline.md)', group: 'Offline:' })
    .option('namespace', { alias: 'n', type: 'string', array: true, describe: 'Only these namespaces (repeatable; cluster-scoped objects are still read)', group: 'Filters:' })
    .option('exclude-namespace', { type: 'string', array: true, describe: 'Skip these namespaces (repeatable)', group: 'Filters:' })
    .check((a) => positiveInteger('concurrency', a.concurrency as number) ?? positiveInteger('request-timeout', a['request-timeout'] as number) ?? namespaceName('manifest-namespace', a['manifest-namespace']) ?? true);

export const positiveInteger = (name: string, value: number | undefined): string | undefined =>
  value !== undefined && (!Number.isInteger(value) || value < 1) ? `--${name} must be a positive whole number (got ${value})` : undefined;

/** A namespace name is a DNS-1123 label (what the API server would accept). */
export const namespaceName = (name: string, value: unknown): string | undefined =>
  value === undefined || (typeof value === 'string' && value.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value)) ? undefined : `--${name} must be a namespace name (lower-case letters, digits and '-', at most 63; got ${JSON.stringify(value)})`;

/** The parsed source options as the pipeline takes them. */
export function sourceArgs(a: Record<string, unknown>): SourceArgs {
  return {
    kubeconfig: a.kubeconfig as string | undefined,
    context: a.context as string | undefined,
    inCluster: a.inCluster as boolean | undefined,
    manifests: a.manifests as string[] | undefined,
    snapshot: a.snapshot as string | undefined,
    manifestNamespace: a.manifestNamespace as string | undefined,
    namespace: a.namespace as string[] | undefined,
    excludeNamespace: a.excludeNamespace as string[] | undefined,
    concurrency: a.concurrency as number,
    requestTimeout: a.requestTimeout as number,
    debug: a.debug as boolean | undefined,
  };
}

/** Commands log to stderr, one prefixed line each (lines quote cluster data: no control characters, no URL password). */
export const stderrLog = (err: (text: string) => void) => (line: string) => err(`kaudit: ${terminalLine(line)}\n`);

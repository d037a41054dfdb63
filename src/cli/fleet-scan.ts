/**
 * `kaudit scan --context a --context b` and `--all-contexts`: several clusters scanned at once
 * (bounded by --max-clusters), one report per cluster under --output-dir/<context>/ (and its metrics
 * to --push-gateway, grouped by the context), then the fleet
 * summary (fleet.json, fleet.html there; the table or -f json|html on stdout). A cluster that fails
 * is a row saying why, never the end of the others; the exit code aggregates (fleetExitCode).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pLimit from 'p-limit';
import type { Argv } from 'yargs';
import { KauditError, UsageError } from '../core/errors.js';
import { maskUrlUserinfo, terminalLine } from '../core/terminal-text.js';
import { buildFleet, digestReport, fleetExitCode, unreachableDigest, type ClusterDigest } from '../fleet/model.js';
import { FLEET_RENDERERS, FLEET_FORMATS, type FleetFormat } from '../fleet/index.js';
import { jsonReportChunks } from '../../reports/json.js';
import type { Io } from './io.js';
import { positiveInteger, type SourceArgv } from './options.js';
import { FLEET_SUMMARY_BASE } from './fleet-reports.js';
import { ensureOutputDir, fileSafeName, saveReport } from './report-files.js';
import { postIfAsked } from './deliver.js';
import type { PostArgs } from './post-report.js';
import { pushMetrics } from './push-gateway.js';
import { scanPipeline, summaryLine, type ScanArgs } from '../pipeline/run-scan.js';

export const fleetScanOptions = <T>(y: Argv<T>) =>
  y
    .option('all-contexts', {
      type: 'boolean',
      describe:
        'Scan every context of the kubeconfig (like repeating --context): one report per cluster under --output-dir and a fleet summary',
      group: 'Fleet:',
    })
    .option('max-clusters', {
      type: 'number',
      default: 4,
      describe: 'Clusters scanned at once with several --context or --all-contexts',
      group: 'Fleet:',
    })
    .option('allow-unreachable', {
      type: 'boolean',
      describe: 'With several clusters: an unreachable cluster is a row of the summary, not exit 3',
      group: 'Fleet:',
    })
    .check((a) => positiveInteger('max-clusters', a['max-clusters']) ?? true);

export interface FleetScanOptions {
  outputDir?: string;
  output?: string;
  format?: string;
  keep?: number;
  post?: PostArgs;
  /** --push-gateway: each cluster's metrics under its own grouping key (its context). */
  pushGateway?: URL;
  maxClusters: number;
  allowUnreachable?: boolean;
}

const namedContexts = (a: Pick<SourceArgv, 'context'>): string[] => ([] as unknown[]).concat(a.context ?? []).map(String);

/** The --context of a single-cluster scan (the same one named twice is one). */
export const oneContext = (a: Pick<SourceArgv, 'context'>): string | undefined => namedContexts(a)[0];

/** The contexts of a fleet scan, or undefined for a single-cluster scan. */
export async function fleetContexts(
  a: Pick<SourceArgv, 'context' | 'kubeconfig'> & { allContexts?: boolean },
): Promise<string[] | undefined> {
  const named = namedContexts(a);
  if (a.allContexts) {
    if (named.length) throw new UsageError('--all-contexts and --context cannot be combined');
    const { kubeconfigContexts } = await import('../cluster/kubeconfig.js');
    return kubeconfigContexts({ kubeconfig: a.kubeconfig });
  }
  const unique = [...new Set(named)];
  return unique.length > 1 ? unique : undefined;
}

/** A context name as one folder name: ARNs and user@cluster names keep their letters, lose slashes and colons, and gain a short hash so two contexts never share a folder. */
export const contextFolder = (context: string): string => fileSafeName(context);

export async function fleetScan(
  args: ScanArgs,
  contexts: string[],
  opts: FleetScanOptions,
  io: Io,
  log: (line: string) => void,
): Promise<number> {
  if (args.manifests?.length || args.snapshot || args.inCluster)
    throw new UsageError(
      'several clusters (--context twice or --all-contexts) scan kubeconfig contexts only, not --manifests, --snapshot or --in-cluster',
    );
  if (!opts.outputDir) throw new UsageError('several clusters need --output-dir DIR: one report per cluster is written there');
  if (opts.output) throw new UsageError('-o/--output names one file; with several clusters use --output-dir');
  if (args.clusterName !== undefined)
    throw new UsageError(
      '--cluster-name (or KAUDIT_CLUSTER_NAME) names one cluster: with several contexts each cluster is named by its context',
    );
  const format = (opts.format ?? (io.isTTY ? 'table' : 'json')) as FleetFormat;
  if (!FLEET_FORMATS.includes(format)) throw new UsageError(`-f ${format}: the fleet summary is written as ${FLEET_FORMATS.join(', ')}`);
  const outputDir = opts.outputDir;
  const limit = pLimit(opts.maxClusters);
  const digests = await Promise.all(
    contexts.map((context) =>
      limit(async (): Promise<ClusterDigest> => {
        const clusterLog = (line: string) => log(`[${context}] ${line}`);
        try {
          const outcome = await scanPipeline({ ...args, context }, clusterLog);
          for (const w of outcome.warnings) clusterLog(`warning: ${w}`);
          const saved = await saveReport(
            join(outputDir, contextFolder(context)),
            outcome.result.scan.startedAt,
            'json',
            jsonReportChunks(outcome.result),
            opts.keep,
          );
          clusterLog(`${summaryLine(outcome.result)}; report written to ${saved.file}`);
          await postIfAsked(saved.file, opts.post, clusterLog);
          if (opts.pushGateway) clusterLog(await pushMetrics(outcome.result, opts.pushGateway));
          return digestReport(context, outcome.result, { report: saved.file, exitCode: outcome.exitCode });
        } catch (err) {
          const known = err instanceof KauditError;
          // It lands in the fleet summary too: no URL password, no control character.
          const reason = terminalLine(
            maskUrlUserinfo(known ? err.message : `internal error: ${err instanceof Error ? err.message : String(err)}`),
          );
          clusterLog(reason);
          return unreachableDigest(context, reason, known ? err.exitCode : 4);
        }
      }),
    ),
  );
  // Bad flags fail every cluster alike before any connection: that is one usage error, not a fleet.
  const reasons = new Set(digests.map((d) => (d.exitCode === 2 && d.state === 'unreachable' ? d.reason : undefined)));
  if (reasons.size === 1 && !reasons.has(undefined) && digests.length > 1) throw new UsageError([...reasons][0] ?? '');
  const fleet = buildFleet(digests);
  ensureOutputDir(outputDir);
  for (const f of ['json', 'html'] as const)
    writeFileSync(join(outputDir, `${FLEET_SUMMARY_BASE}.${FLEET_RENDERERS[f].extension}`), FLEET_RENDERERS[f].render(fleet));
  io.out(FLEET_RENDERERS[format].render(fleet));
  const c = fleet.counts;
  log(
    `fleet: ${c.clusters} clusters, ${c.complete} complete, ${c.partial} partly read, ${c.unreachable} unreachable; summary written to ${join(outputDir, `${FLEET_SUMMARY_BASE}.json`)} and .html`,
  );
  return fleetExitCode(digests, opts.allowUnreachable);
}

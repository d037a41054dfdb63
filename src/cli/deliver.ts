/**
 * Where a single-cluster report goes besides -o: --output-dir with timestamped names, a `latest`
 * copy and --keep retention; a one-line JSON summary on stdout for log collectors when the report
 * went to files; --post-url to send the JSON report to a receiver.
 */
import type { Argv } from 'yargs';
import type { ScanResult } from '../core/result.js';
import { jsonReportChunks } from '../../reports/json.js';
import type { Io } from './io.js';
import { positiveInteger } from './options.js';
import { saveReport } from './report-files.js';

export const deliveryOptions = <T>(y: Argv<T>) =>
  y
    .option('output-dir', { type: 'string', describe: 'Keep reports in this folder as kaudit-<UTC time>.json plus a kaudit-latest.json copy (with several clusters: one folder per context and the fleet summary)', group: 'Delivery:' })
    .option('keep', { type: 'number', describe: 'With --output-dir: keep only the N newest timestamped reports', group: 'Delivery:' })
    .check((a) => positiveInteger('keep', a.keep as number | undefined) ?? (a.keep !== undefined && !a['output-dir'] ? '--keep needs --output-dir' : true));

export interface DeliveryArgs {
  outputDir?: string;
  keep?: number;
}

export const deliveryArgs = (a: Record<string, unknown>): DeliveryArgs => ({ outputDir: a.outputDir as string | undefined, keep: a.keep as number | undefined });

/** The line a log collector reads (`kubectl logs`): no findings, no cluster data beyond names. */
export function summaryJson(result: ScanResult, exitCode: number, files: Record<string, string>): string {
  const s = result.summary;
  return JSON.stringify({
    kaudit: result.tool.version,
    context: result.scan.source.context,
    finishedAt: result.scan.finishedAt,
    score: s.score,
    profiles: Object.fromEntries(s.profiles.map((p) => [p.id, p.score])),
    counts: s.counts,
    failingFindings: s.severities,
    unreadKinds: result.coverage.length,
    exitCode,
    ...files,
  });
}

/** Writes the report under --output-dir and prints the JSON summary line; returns the file written. */
export async function deliverToDir(result: ScanResult, exitCode: number, args: DeliveryArgs & { outputDir: string }, io: Io, log: (line: string) => void): Promise<string> {
  const saved = await saveReport(args.outputDir, result.scan.startedAt, 'json', jsonReportChunks(result), args.keep);
  if (saved.removed.length) log(`--keep ${args.keep}: removed ${saved.removed.length} older ${saved.removed.length === 1 ? 'report' : 'reports'}`);
  io.out(summaryJson(result, exitCode, { report: saved.file, latest: saved.latest }) + '\n');
  return saved.file;
}

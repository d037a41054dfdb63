/**
 * Where a single-cluster report goes besides -o: --output-dir with timestamped names, a `latest`
 * copy and --keep retention; a one-line JSON summary on stdout for log collectors when the report
 * went to files; --post-url to send the JSON report to a receiver.
 */
import type { Argv } from 'yargs';
import { UsageError } from '../core/errors.js';
import type { ScanResult } from '../core/result.js';
import { maskUrlUserinfo } from '../core/terminal-text.js';
import type { Io } from './io.js';
import { positiveInteger, type ArgvOf } from './options.js';
import { keepLatest } from './report-files.js';
import type { Written } from './report-output.js';
import type { OutputTarget } from './output-target.js';
import { checkPostArgs, postArgs, postOptions, postReport, type PostArgs } from './post-report.js';

export const deliveryOptions = <T>(y: Argv<T>) =>
  postOptions(y)
    .option('keep', { type: 'number', describe: 'With --output-dir: keep only the N newest timestamped reports', group: 'Delivery:' })
    .check((a) => positiveInteger('keep', a.keep) ?? (a.keep !== undefined && !a['output-dir'] ? '--keep needs --output-dir' : true));

export interface DeliveryArgs {
  outputDir?: string;
  keep?: number;
  post?: PostArgs;
}

/** The delivery flags, checked before anything is scanned. */
export function deliveryArgs(a: ArgvOf<typeof deliveryOptions<object>> & { output?: string; outputDir?: string }): DeliveryArgs {
  const d: DeliveryArgs = { outputDir: a.outputDir, keep: a.keep, post: postArgs(a) };
  if (d.outputDir && a.output) throw new UsageError('-o/--output and --output-dir cannot be combined: choose one');
  if (d.post && !d.outputDir)
    throw new UsageError('--post-url needs --output-dir: the report is kept there before it is sent, so a failed delivery loses nothing');
  if (d.post) checkPostArgs(d.post);
  return d;
}

/** --post-url sends the JSON report: refused before the scan when no -f json goes to --output-dir. */
export function checkPostFormats(post: PostArgs | undefined, targets: OutputTarget[]): void {
  if (post && !targets.some((t) => t.format === 'json' && t.to === 'dir'))
    throw new UsageError('--post-url sends the JSON report: add -f json to the formats written to --output-dir');
}

/** Sends a saved report if --post-url asks; a failure is one line, the report stays where it is. */
export async function postIfAsked(
  file: string,
  post: PostArgs | undefined,
  log: (line: string) => void,
): Promise<'ok' | 'failed' | undefined> {
  if (!post) return undefined;
  const sent = await postReport(file, post);
  const where = maskUrlUserinfo(post.url);
  if (sent.ok) {
    log(`report posted to ${where} (HTTP ${sent.status}${sent.attempts > 1 ? `, attempt ${sent.attempts}` : ''})`);
    return 'ok';
  }
  const tried = sent.attempts ? `failed after ${sent.attempts} ${sent.attempts === 1 ? 'attempt' : 'attempts'}` : 'not attempted';
  log(`--post-url ${where}: delivery ${tried} (${sent.reason}); the report is kept at ${file}`);
  return 'failed';
}

/** The line a log collector reads (`kubectl logs`): no findings, no cluster data beyond names. */
export function summaryJson(result: ScanResult, exitCode: number, files: Record<string, string>): string {
  const s = result.summary;
  return JSON.stringify({
    kaudit: result.tool.version,
    context: result.scan.source.context,
    ...(result.scan.clusterName === undefined ? {} : { clusterName: result.scan.clusterName }),
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

/**
 * After the formats were written under --output-dir: each gets a `kaudit-<cluster>-latest.<ext>` copy and --keep
 * retention, the JSON report is posted if --post-url asks, and the JSON summary line goes to stdout.
 */
export async function deliverWritten(
  written: Written[],
  result: ScanResult,
  exitCode: number,
  args: DeliveryArgs,
  io: Io,
  log: (line: string) => void,
): Promise<void> {
  const files: Record<string, string> = {};
  for (const w of written) {
    if (!w.file) continue;
    const kept = keepLatest(w.file, args.keep);
    if (kept.removed.length)
      log(`--keep ${args.keep}: removed ${kept.removed.length} older ${w.format} ${kept.removed.length === 1 ? 'report' : 'reports'}`);
    if (w.format === 'json') Object.assign(files, { report: w.file, latest: kept.latest });
  }
  const posted = files.report ? await postIfAsked(files.report, args.post, log) : undefined;
  io.out(summaryJson(result, exitCode, { ...files, ...(posted ? { posted } : {}) }) + '\n');
}

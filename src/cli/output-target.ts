/**
 * Where reports go and in which format, from -f/--format (repeatable), -o/--output and --output-dir,
 * with kubectl's habits: `-o json` (a bare format name) means that format on stdout, `-o -` is
 * stdout, `-o r.sarif` picks the format from the extension when -f is absent. The rules are the
 * table in docs/cli.md#output, and test/cli/output-rules.test.ts walks it row by row.
 */
import { basename, join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { fileSafeName, fileStamp } from './report-files.js';
import type { ScanResult } from '../core/result.js';
import { FORMATS, isReportFormat, REPORT_FORMATS, type ReportFormat } from '../../reports/index.js';

export type OutputTarget =
  | { format: ReportFormat; to: 'stdout' }
  | { format: ReportFormat; to: 'file'; file: string }
  | { format: ReportFormat; to: 'dir'; dir: string };

export interface OutputRequest {
  /** -f values, repeatable and comma lists allowed. */
  formats?: string[];
  output?: string;
  outputDir?: string;
  /** stdout is a terminal: the default format is the summary there, JSON elsewhere, and HTML goes to a file. */
  stdoutIsTTY: boolean;
  /** Where HTML asked for on a terminal is written instead (default: --output-dir . naming). */
  terminalHtmlFile?: string;
  /** The format for a pipe when none is asked for (default json). */
  pipeDefault?: ReportFormat;
}

/** File extensions that choose a format, longest first so `r.sarif.json` is SARIF, not JSON. */
const BY_EXTENSION: [string, ReportFormat][] = REPORT_FORMATS.flatMap((f): [string, ReportFormat][] => [
  [FORMATS[f].extension, f],
  ...(FORMATS[f].aliases ?? []).map((a): [string, ReportFormat] => [a, f]),
]).sort((a, b) => b[0].length - a[0].length);

export function formatOfFile(file: string): ReportFormat | undefined {
  const name = basename(file).toLowerCase();
  return BY_EXTENSION.find(([ext]) => name.endsWith(`.${ext}`))?.[1];
}

const formatList = (): string => REPORT_FORMATS.join(', ');

function parseFormats(values: string[] | undefined): ReportFormat[] {
  const names = (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  for (const n of names) if (!isReportFormat(n)) throw new UsageError(`--format: unknown format "${n}" (one of ${formatList()})`);
  return [...new Set(names as ReportFormat[])];
}

export function resolveOutputs(req: OutputRequest): OutputTarget[] {
  const formats = parseFormats(req.formats);
  const o = req.output;
  if (req.outputDir !== undefined) {
    if (o !== undefined)
      throw new UsageError('--output and --output-dir cannot be combined: -o names one file, --output-dir a folder for several formats');
    return (formats.length ? formats : (['json'] as ReportFormat[])).map((format) => ({ format, to: 'dir', dir: req.outputDir! }));
  }
  if (formats.length > 1) throw new UsageError(`several formats (${formats.join(', ')}) need --output-dir DIR: one file each`);
  const f = formats[0];
  if (o === undefined || o === '-') return [stdout(f ?? (req.stdoutIsTTY ? 'table' : (req.pipeDefault ?? 'json')), req, o === '-')];
  if (isReportFormat(o)) {
    // kubectl's `-o json`: a format on stdout (a file named like a format: -o ./json).
    if (f && f !== o) throw new UsageError(`-f ${f} and -o ${o} ask for two formats: -o takes a file path or one format name`);
    return [stdout(o, req, false)];
  }
  if (o === '') throw new UsageError('--output: name a file, a format, or - for stdout');
  const byExtension = formatOfFile(o);
  if (!f && !byExtension)
    throw new UsageError(
      `--output ${o}: cannot tell the format from the file name; add -f FORMAT (one of ${formatList()}) or use one of the extensions .${BY_EXTENSION.map(([e]) => e).join(', .')}`,
    );
  return [{ format: f ?? byExtension!, to: 'file', file: o }];
}

/** A page of HTML is never dumped onto a terminal (unless asked for with -o -): it goes to a file, and the CLI says where. */
function stdout(format: ReportFormat, req: OutputRequest, explicit: boolean): OutputTarget {
  if (format !== 'html' || !req.stdoutIsTTY || explicit) return { format, to: 'stdout' };
  return req.terminalHtmlFile ? { format, to: 'file', file: req.terminalHtmlFile } : { format, to: 'dir', dir: '.' };
}

/** `kaudit-<cluster name, context or source>-<UTC start time>`: one base name for every format of one scan. */
export function reportBaseName(result: ScanResult): string {
  const who = fileSafeName(result.scan.clusterName ?? result.scan.source.context ?? result.scan.source.type);
  return `kaudit-${who}-${fileStamp(result.scan.startedAt)}`;
}

/** The file a --output-dir target writes. */
export const dirFile = (dir: string, result: ScanResult, format: ReportFormat): string =>
  join(dir, `${reportBaseName(result)}.${FORMATS[format].extension}`);

/**
 * The output side of `scan`, `report` and `demo`: the -f/-o/--output-dir flags, the terminal's
 * width and colour, and writing each requested format (src/cli/output-target.ts decides where).
 */
import { basename } from 'node:path';
import type { Argv } from 'yargs';
import type { ArgvOf } from './options.js';
import type { ScanResult } from '../core/result.js';
import { DEFAULT_TOP, FORMATS, RENDERERS, REPORT_FORMATS, type CheckInfo, type RenderOptions } from '../../reports/index.js';
import { hashedChunks, type JsonDigest } from '../../reports/html/digest.js';
import { writeReport, type Io } from './io.js';
import { ensureOutputDir } from './report-files.js';
import { dirFile, resolveOutputs, type OutputRequest, type OutputTarget } from './output-target.js';

export interface OutputFlags {
  format?: string[];
  output?: string;
  outputDir?: string;
  /** false with --no-color. */
  color?: boolean;
  top?: number;
  details?: boolean;
}

/** `pipeDefault`: the format stdout gets when it is not a terminal and no -f is given (report: html). */
export const outputOptions = <T>(y: Argv<T>, group = 'Output:', pipeDefault = 'json') =>
  y
    .option('format', {
      alias: 'f',
      type: 'string',
      array: true,
      describe: `Report format: ${REPORT_FORMATS.join(', ')} (default: table on a terminal, ${pipeDefault} otherwise; repeatable with --output-dir)`,
      group,
    })
    .option('output', {
      alias: 'o',
      type: 'string',
      describe: 'File to write (format from its extension unless -f), a format name for stdout (-o json, as kubectl), or - for stdout',
      group,
    })
    .option('output-dir', { type: 'string', describe: 'Write every -f format into this folder under one timestamped name', group })
    .option('details', { type: 'boolean', describe: 'table: list every finding after the summary (same as -f wide)', group })
    .option('top', { type: 'number', default: DEFAULT_TOP, describe: 'table, markdown: affected objects shown per failing control', group })
    .option('color', {
      type: 'boolean',
      default: true,
      describe: 'Colour on a terminal (--no-color, or NO_COLOR set, turns it off)',
      group,
    })
    .check((a) =>
      a.top !== undefined && (!Number.isInteger(a.top) || a.top < 0) ? `--top must be a whole number >= 0 (got ${a.top})` : true,
    );

/** The output flags among a command's parsed arguments (yargs has camel-cased them). */
export function outputFlags(a: ArgvOf<typeof outputOptions<object>>): OutputFlags {
  const { format, output, outputDir, color, top, details } = a;
  return { format, output, outputDir, color, top, details };
}

export const targetsFor = (
  io: Io,
  flags: OutputFlags,
  extra: Pick<OutputRequest, 'terminalHtmlFile' | 'pipeDefault'> = {},
): OutputTarget[] =>
  resolveOutputs({ formats: flags.format, output: flags.output, outputDir: flags.outputDir, stdoutIsTTY: io.isTTY === true, ...extra });

/** NO_COLOR (https://no-color.org): set and not empty turns colour off. */
export const colorAllowed = (io: Io, flags: OutputFlags): boolean =>
  io.isTTY === true && flags.color !== false && !(io.env ?? process.env).NO_COLOR;

export interface Written {
  format: string;
  /** undefined: stdout. */
  file?: string;
}

/**
 * Renders and writes every target; a file target's folder (--output-dir) is created. Returns what
 * was written where. `checks` is asked for only when a format needs the catalog (SARIF).
 * The JSON report is written first and hashed as it is written: the HTML and PDF of the same run
 * carry that sha256 (the report digest) and name the file (under --output-dir by its name alone: the
 * two are filed together). `jsonReport`: the JSON report the
 * result was read from (`kaudit report FILE.json`), which they name instead.
 */
export async function writeOutputs(
  io: Io,
  targets: OutputTarget[],
  result: ScanResult,
  flags: OutputFlags,
  extra: { checks?: () => ReadonlyMap<string, CheckInfo>; fullReportHint?: string; jsonReport?: JsonDigest } = {},
): Promise<Written[]> {
  const written: Written[] = [];
  let jsonReport = extra.jsonReport;
  const jsonFirst = [...targets.filter((t) => t.format === 'json'), ...targets.filter((t) => t.format !== 'json')];
  for (const target of jsonFirst) {
    const toStdout = target.to === 'stdout';
    const format = target.format === 'table' && flags.details ? 'wide' : target.format;
    const options: RenderOptions = {
      columns: toStdout && io.isTTY ? io.columns : undefined,
      color: toStdout && colorAllowed(io, flags),
      top: flags.top,
      fullReportHint: extra.fullReportHint,
      checks: format === 'sarif' ? extra.checks?.() : undefined,
      jsonReport,
    };
    let file: string | undefined;
    if (target.to === 'file') file = target.file;
    if (target.to === 'dir') {
      ensureOutputDir(target.dir);
      file = dirFile(target.dir, result, target.format);
    }
    const chunks =
      format === 'json' && !jsonReport
        ? hashedChunks(
            RENDERERS.json.chunks(result, options),
            (sha256) => (jsonReport = { sha256, file: file !== undefined && target.to === 'dir' ? basename(file) : file }),
          )
        : FORMATS[format].chunks(result, options);
    await writeReport(io, chunks, file);
    written.push({ format, file });
  }
  return written;
}

/** "report written to X" / "reports written: X (json), Y (sarif)", or nothing for stdout only. */
export function writtenLine(written: Written[]): string | undefined {
  const files = written.filter((w) => w.file);
  const [first] = files;
  if (!first) return undefined;
  return files.length === 1 ? `report written to ${first.file}` : `reports written: ${files.map((w) => w.file).join(', ')}`;
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { UsageError } from '../../core/errors.js';
import { readJsonInput } from '../../core/json-read.js';
import { packageRoot } from '../../core/package-root.js';
import { REPORT_VERSION, type ScanResult } from '../../core/result.js';
import { FORMATS, REPORT_FORMATS, type ReportFormat } from '../../../reports/index.js';
import { writeReport, type Io } from '../io.js';

/** `report FILE` re-renders one saved report; subcommands (`report fleet DIR...`) are passed in by main. */
export function reportCommand(io: Io, subcommands: CommandModule[] = []): CommandModule {
  return {
    command: 'report',
    describe: 'Render a saved JSON report in another format, or summarise many (report fleet)',
    builder: (y) => y.command([...subcommands, renderReportCommand(io)]),
    handler: () => undefined,
  };
}

/** Re-renders a JSON report (e.g. the CronJob's) in another format, without the cluster. */
function renderReportCommand(io: Io): CommandModule {
  return {
    command: '$0 <file>',
    describe: 'Render a saved JSON report in another format (html, table, json)',
    builder: (y) =>
      y
        .positional('file', { type: 'string', describe: 'JSON report written by `kaudit scan --format json`' })
        .option('format', { alias: 'f', type: 'string', choices: REPORT_FORMATS, default: 'html', describe: 'Report format' })
        .option('output', { alias: 'o', type: 'string', describe: 'Write the report to this file (default: stdout)' })
        .example('$0 report kaudit.json -o kaudit.html', 'the monthly CronJob report, for the auditor')
        .example('$0 report kaudit.json -f table', 'read it in a terminal'),
    handler: async (argv) => {
      const file = argv.file as string;
      const result = await readReport(file);
      const output = argv.output as string | undefined;
      await writeReport(io, FORMATS[argv.format as ReportFormat].chunks(result), output);
      if (output) io.err(`kaudit: report written to ${output}\n`);
    },
  };
}

/** Largest single value read whole: a finding, a summary, a coverage list (controls and their findings are read one by one). */
const MAX_REPORT_VALUE_BYTES = 64 * 1024 * 1024;

/**
 * A JSON report, validated against docs/report-schema.json (the contract), or one line saying why
 * not. Read in chunks, one finding at a time, so a 300,000-finding report is never one string.
 */
export async function readReport(file: string): Promise<ScanResult> {
  const notAReport = (version: unknown): never => {
    throw new UsageError(`report ${file}: not a kaudit JSON report of version ${REPORT_VERSION} (reportVersion is ${JSON.stringify(version)})`);
  };
  const doc = readJsonInput('report', file, {
    maxValueBytes: MAX_REPORT_VALUE_BYTES,
    // The root, controls[], each control and its findings[] are walked; everything else is parsed whole.
    descend: (path, type) => (type === 'object' ? path.length === 0 || (path.length === 2 && path[0] === 'controls') : path.length === 1 ? path[0] === 'controls' : path.length === 3 && path[2] === 'findings'),
    onValue: (path, value) => {
      if (path.length === 1 && path[0] === 'reportVersion' && value !== REPORT_VERSION) notAReport(value);
      return value;
    },
  }) as { reportVersion?: unknown };
  if (doc?.reportVersion !== REPORT_VERSION) notAReport(doc?.reportVersion);
  const { Ajv } = await import('ajv');
  const validate = new Ajv({ allErrors: false, strict: false, validateFormats: false }).compile(JSON.parse(readFileSync(join(packageRoot(), 'docs', 'report-schema.json'), 'utf8')));
  if (!validate(doc)) {
    const e = validate.errors?.[0];
    throw new UsageError(`report ${file}: does not match the report schema at ${e?.instancePath || '/'}: ${e?.message ?? 'invalid'}`);
  }
  return doc as unknown as ScanResult;
}

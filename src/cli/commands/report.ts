import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { readProblem, UsageError } from '../../core/errors.js';
import { packageRoot } from '../../core/package-root.js';
import { REPORT_VERSION, type ScanResult } from '../../core/result.js';
import { REPORT_FORMATS, RENDERERS, type ReportFormat } from '../../../reports/index.js';
import type { Io } from '../io.js';

/** Re-renders a JSON report (e.g. the CronJob's) in another format, without the cluster. */
export function reportCommand(io: Io): CommandModule {
  return {
    command: 'report <file>',
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
      const text = RENDERERS[argv.format as ReportFormat].render(result);
      if (!argv.output) return io.out(text);
      try {
        writeFileSync(argv.output as string, text);
      } catch (err) {
        throw new UsageError(`--output ${argv.output as string}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      }
      io.err(`kaudit: report written to ${argv.output as string}\n`);
    },
  };
}

/** A JSON report, validated against docs/report-schema.json (the contract), or one line saying why not. */
export async function readReport(file: string): Promise<ScanResult> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`report ${file}: ${readProblem(err)}`);
  }
  let doc: { reportVersion?: unknown };
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`report ${file}: not valid JSON (${(err as Error).message})`);
  }
  if (doc?.reportVersion !== REPORT_VERSION) throw new UsageError(`report ${file}: not a kaudit JSON report of version ${REPORT_VERSION} (reportVersion is ${JSON.stringify(doc?.reportVersion)})`);
  const { Ajv } = await import('ajv');
  const validate = new Ajv({ allErrors: false, strict: false, validateFormats: false }).compile(JSON.parse(readFileSync(join(packageRoot(), 'docs', 'report-schema.json'), 'utf8')));
  if (!validate(doc)) {
    const e = validate.errors?.[0];
    throw new UsageError(`report ${file}: does not match the report schema at ${e?.instancePath || '/'}: ${e?.message ?? 'invalid'}`);
  }
  return doc as unknown as ScanResult;
}

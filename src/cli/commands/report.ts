import { mustExist, UsageError } from '../../core/errors.js';
import type { Severity } from '../../core/severity.js';
import { SEVERITIES } from '../../core/severity.js';
import { terminalLine } from '../../core/terminal-text.js';
import { diffReports, newFailuresAtOrAbove } from '../../../reports/diff.js';
import { DIFF_FORMATS, DIFF_RENDERERS, type DiffFormat } from '../../../reports/diff-render.js';
import { writeReport, type Io } from '../io.js';
import { examples, typedCommand } from '../options.js';
import { fileSha256, readReport } from '../report-read.js';
import { outputFlags, outputOptions, targetsFor, writeOutputs, writtenLine } from '../report-output.js';
import { fleetReport } from './report-fleet.js';
import { checkInfo } from '../../pipeline/registry.js';

/** Re-renders a JSON report (e.g. the CronJob's) in another format, without the cluster; or compares two. */
export function reportCommand(io: Io, setExit: (code: number) => void) {
  return typedCommand({
    command: 'report <file> [files..]',
    describe:
      'Render a saved JSON report in any format, `report diff OLD NEW` to compare two, `report fleet DIR...` to summarise many clusters',
    builder: (y) =>
      examples(
        outputOptions(
          y
            .positional('file', { type: 'string', describe: 'JSON report written by `kaudit scan -f json` (or `diff`)' })
            .positional('files', { type: 'string', array: true, describe: 'diff: the old and the new report' }),
          'Output:',
          'html',
        )
          .option('fail-on-new', {
            type: 'string',
            choices: SEVERITIES,
            describe: 'diff: exit 1 when a new failure at or above this severity appears',
          })
          .epilogue('`kaudit report FILE` writes HTML to a pipe; on a terminal the summary, and HTML goes to FILE.html.'),
        [
          ['$0 report kaudit.json -o kaudit.html', 'the monthly CronJob report, for the auditor'],
          ['$0 report kaudit.json', 'the summary on a terminal (-f wide: every finding)'],
          ['$0 report kaudit.json -f sarif -o kaudit.sarif', 'any format from a saved report'],
          ['$0 report diff last-month.json kaudit.json --fail-on-new high', 'what changed; exit 1 on a new high or critical failure'],
          ['$0 report fleet reports/ -f html -o fleet.html', 'one page for every cluster whose reports are under reports/'],
        ],
      ),
    handler: async (a) => {
      const file = mustExist(a.file, 'the <file> argument'); // yargs demands it
      const more = a.files ?? [];
      if (file === 'diff' && more.length) return setExit(await diff(io, more, a));
      if (file === 'fleet' && more.length) return fleetReport(io, more, a.format?.[0], a.output);
      if (more.length) throw new UsageError(`report takes one file (got ${more.length + 1}); to compare two: kaudit report diff OLD NEW`);
      if (a.failOnNew !== undefined) throw new UsageError('--fail-on-new applies to `kaudit report diff OLD NEW`');
      const flags = outputFlags(a);
      // Re-rendering JSON as JSON is rarely the point: a pipe gets HTML unless -f says otherwise.
      const targets = targetsFor(io, flags, { terminalHtmlFile: file.replace(/\.json$/i, '') + '.html', pipeDefault: 'html' });
      const result = await readReport(file);
      // The HTML and PDF name the JSON report they were rendered from, by its sha256 (as `sha256sum FILE`).
      const jsonReport = targets.some((t) => t.format === 'html' || t.format === 'pdf')
        ? { sha256: await fileSha256(file), file }
        : undefined;
      const written = await writeOutputs(io, targets, result, flags, {
        jsonReport,
        checks: checkInfo,
        fullReportHint: `Every finding: kaudit report ${file} -f wide. HTML: kaudit report ${file} -o report.html.`,
      });
      const where = writtenLine(written);
      if (where) io.err(`kaudit: ${terminalLine(where)}\n`);
    },
  });
}

async function diff(io: Io, files: string[], a: Parameters<typeof outputFlags>[0] & { failOnNew?: Severity }): Promise<number> {
  const [oldFile, newFile] = files;
  if (files.length !== 2 || oldFile === undefined || newFile === undefined)
    throw new UsageError(`report diff: name two JSON reports, the old and the new (got ${files.length})`);
  const flags = outputFlags(a);
  if (flags.outputDir !== undefined) throw new UsageError('report diff writes one format: use -o FILE');
  const target = mustExist(targetsFor(io, flags, { terminalHtmlFile: 'kaudit-diff.html' })[0], 'the output target');
  if (!isDiffFormat(target.format))
    throw new UsageError(`report diff: format ${target.format} is not available (one of ${DIFF_FORMATS.join(', ')})`);
  const [oldReport, newReport] = [await readReport(oldFile), await readReport(newFile)];
  const d = diffReports(oldReport, newReport);
  const file = target.to === 'file' ? target.file : target.to === 'dir' ? 'kaudit-diff.html' : undefined;
  await writeReport(io, DIFF_RENDERERS[target.format](d), file);
  const failOnNew = a.failOnNew;
  const tripped = failOnNew ? newFailuresAtOrAbove(d, failOnNew) : 0;
  io.err(
    `kaudit: ${d.newFindings.length} new, ${d.fixedFindings.length} fixed, ${d.stillFailing} still failing; score change ${d.scoreChange ?? 'n/a'}${file ? `; diff written to ${terminalLine(file)}` : ''}\n`,
  );
  if (!tripped) return 0;
  io.err(
    `kaudit: --fail-on-new ${failOnNew}: exit 1 because of ${tripped} new failure${tripped === 1 ? '' : 's'} at or above ${failOnNew}\n`,
  );
  return 1;
}

const isDiffFormat = (f: string): f is DiffFormat => (DIFF_FORMATS as readonly string[]).includes(f);

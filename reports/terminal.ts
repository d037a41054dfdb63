/**
 * Terminal report (`table`, the default on a terminal): a summary that fits the terminal width,
 * read top-down: score and counts, a line per section, the failing controls most severe first with
 * their first affected objects and a one-line fix, not-assessed controls grouped by reason, passing
 * controls with a caveat grouped by it, manual controls with the automated evidence they carry, then
 * where the full report is. With `details` (`-f wide`, `--details`) every finding follows, one
 * line each, written as it is formatted: no table layout, so 45,000 findings cost 45,000 lines of
 * string concatenation. Every string from the report (cluster data) passes terminalText before it
 * reaches the terminal; colour only when the CLI asks for it.
 */
import cliTruncate from 'cli-truncate';
import pc from 'picocolors';
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';
import type { ControlResult, Finding, ScanResult } from '../src/core/result.js';
import type { Severity } from '../src/core/severity.js';
import { terminalText as t } from '../src/core/terminal-text.js';
import { DEFAULT_COLUMNS, DEFAULT_TOP, type RenderOptions } from './render-options.js';
import { networkLines } from './terminal-network.js';
import {
  caveatsByReason,
  controlKey,
  controlsWithEvidence,
  evidenceText,
  failingControls,
  failingCount,
  findingResource,
  firstLine,
  nonZero,
  notAssessedByReason,
  plural,
  resourceName,
  runAsLine,
  sourceLine,
} from './text.js';

type Colors = ReturnType<typeof pc.createColors>;

/** Below this the summary still works, it just truncates more. */
const MIN_COLUMNS = 40;
/** Ids listed per not-assessed reason before "… and N more". */
const IDS_PER_REASON = 24;

const severityColor = (c: Colors, s: Severity | 'error'): ((text: string) => string) =>
  ({ critical: (x: string) => c.bold(c.red(x)), high: c.red, medium: c.yellow, low: c.cyan, info: c.dim, error: c.magenta })[s];

export function* terminalChunks(result: ScanResult, options: RenderOptions = {}): Generator<string> {
  const width = Math.max(MIN_COLUMNS, options.columns ?? DEFAULT_COLUMNS);
  const c = pc.createColors(options.color ?? false);
  const top = options.top ?? DEFAULT_TOP;
  const fit = (line: string): string => (stringWidth(line) > width ? cliTruncate(line, width) : line) + '\n';
  const wrap = (text: string, indent: number): string =>
    wrapAnsi(text, width - indent, { hard: true, trim: true })
      .split('\n')
      .map((l, i) => (i ? ' '.repeat(indent) : '') + l)
      .join('\n') + '\n';

  const s = result.summary;
  yield wrap(c.bold(t(sourceLine(result))), 2);
  const runAs = runAsLine(result);
  if (runAs !== undefined) yield wrap(t(runAs), 2);
  const score = s.score === null ? 'no score (nothing could be assessed)' : `Score ${s.score}`;
  const scoreColor = s.score === null ? c.dim : s.score >= 80 ? c.green : s.score >= 50 ? c.yellow : c.red;
  yield wrap(`${c.bold(scoreColor(score))} · ${plural(result.controls.length, 'control')}: ${nonZero(s.counts)}`, 2);
  const severities = nonZero(s.severities);
  if (severities) yield wrap(`Failing findings: ${severities}`, 2);

  yield* sections(result, c, fit);

  const failing = failingControls(result);
  if (failing.length) {
    yield '\n' + fit(c.bold(`Failing controls (${failing.length}), most severe first`));
    for (const control of failing) yield* failingControl(control, top, c, fit);
  }
  const waived = result.controls.filter((x) => x.status === 'waived');
  if (waived.length) yield '\n' + wrap(`${c.bold(`Waived (${waived.length}):`)} ${waived.map((x) => t(controlKey(x))).join(', ')}`, 2);

  const reasonGroups = function* (heading: (count: number) => string, byReason: Map<string, ControlResult[]>): Generator<string> {
    if (!byReason.size) return;
    yield '\n' + fit(c.bold(heading([...byReason.values()].reduce((n, l) => n + l.length, 0))));
    for (const [reason, controls] of byReason) {
      const ids =
        controls
          .slice(0, IDS_PER_REASON)
          .map((x) => x.id)
          .join(', ') + (controls.length > IDS_PER_REASON ? `, … and ${controls.length - IDS_PER_REASON} more` : '');
      yield '  ' + wrap(t(`${reason} (${controls.length}): ${ids}`), 4);
    }
  };
  yield* reasonGroups((n) => `Not assessed (${n}), by reason`, notAssessedByReason(result));
  yield* reasonGroups((n) => `Passed with a caveat (${n}): what kaudit did not verify`, caveatsByReason(result));
  const withEvidence = controlsWithEvidence(result);
  if (withEvidence.length) {
    yield '\n' + fit(c.bold(`With evidence for the reviewer (${withEvidence.length})`));
    for (const control of withEvidence) {
      yield fit(`  ${c.bold(t(controlKey(control)))} ${t(control.title)}`);
      for (const e of control.evidence ?? []) {
        const { head, items, more } = evidenceText(e, top);
        yield '    ' + wrap(t(head), 6);
        for (const item of items) yield fit(`      ${t(item)}`);
        if (more) yield fit(c.dim(`      … and ${more} more`));
      }
    }
  }
  if (result.coverage.length) {
    const gaps = result.coverage
      .slice(0, 5)
      .map((g) => `${g.kind}${g.namespace ? ` in ${g.namespace}` : ''}${g.node ? ` on ${g.node}` : ''} (${g.status ?? 'no response'})`);
    yield (
      '\n' +
      wrap(`${c.bold(`Not read (${result.coverage.length}):`)} ${t(`${gaps.join(', ')}${result.coverage.length > 5 ? ', …' : ''}`)}`, 2)
    );
  }
  yield* networkLines(result, { bold: c.bold, wrap });
  if (options.details) {
    yield* details(result, failing, c);
    return;
  }
  yield (
    '\n' + wrap(c.dim(options.fullReportHint ?? 'Every finding: -f wide (or --details). Full report: -o report.json, -o report.html.'), 0)
  );
}

function* sections(result: ScanResult, c: Colors, fit: (line: string) => string): Generator<string> {
  if (!result.summary.sections.length) return;
  yield '\n' + fit(c.bold('Sections'));
  for (const sec of result.summary.sections) {
    const score = (sec.score === null ? '–' : String(Math.round(sec.score))).padStart(4);
    const { fail, error, 'not-assessed': unassessed } = sec.counts;
    const right = [
      fail ? c.red(`${fail} fail`) : '',
      error ? c.magenta(`${error} error`) : '',
      unassessed ? `${unassessed} not assessed` : '',
    ]
      .filter(Boolean)
      .join(', ');
    yield fit(`${score}  ${t(`${sec.profile} ${sec.id} ${sec.title}`)}${right ? `: ${right}` : ''}`);
  }
}

function* failingControl(control: ControlResult, top: number, c: Colors, fit: (line: string) => string): Generator<string> {
  const tag = control.status === 'error' ? 'ERROR' : control.severity.toUpperCase();
  const color = severityColor(c, control.status === 'error' ? 'error' : control.severity);
  const n = failingCount(control);
  yield fit(`${color(tag.padEnd(8))} ${c.bold(t(controlKey(control)))} ${t(control.title)}${n ? c.dim(` · ${plural(n, 'finding')}`) : ''}`);
  if (control.status === 'error') yield fit(`  ${t(control.reason ?? 'the check failed')}`);
  const objects = affectedObjects(control);
  for (const o of objects.slice(0, top)) {
    const about = [o.first.podCount ? plural(o.first.podCount, 'pod') : '', o.findings > 1 ? plural(o.findings, 'finding') : '']
      .filter(Boolean)
      .join(', ');
    yield fit(`  ${t(o.name)}${about ? c.dim(` (${about})`) : ''}: ${t(o.first.message)}`);
  }
  if (objects.length > top) yield fit(c.dim(`  … and ${plural(objects.length - top, 'more object')}`));
  const fix = control.remediation?.[0];
  if (fix) yield fit(`  ${c.green('Fix:')} ${t(firstLine(fix))}`);
}

/** The distinct objects a control's failing findings name, in report order, each with its first finding. */
export function affectedObjects(control: ControlResult): { name: string; first: Finding; findings: number }[] {
  const byName = new Map<string, { name: string; first: Finding; findings: number }>();
  for (const f of control.findings) {
    if (f.status !== 'fail') continue;
    const name = resourceName(f.resource);
    const o = byName.get(name);
    if (o) o.findings++;
    else byName.set(name, { name, first: f, findings: 1 });
  }
  return [...byName.values()];
}

/** Every finding, a line each: severity, control, resource, message, then the evidence. */
function* details(result: ScanResult, failing: ControlResult[], c: Colors): Generator<string> {
  const ordered = [...failing, ...result.controls.filter((x) => x.status === 'waived')];
  const total = ordered.reduce((n, x) => n + x.findings.length, 0);
  const idWidth = Math.max(0, ...ordered.map((x) => controlKey(x).length));
  yield `\n${c.bold(`Findings (${total})`)}\n`;
  for (const control of ordered) {
    const key = t(controlKey(control)).padEnd(idWidth);
    for (const f of control.findings) yield findingLine(f, key, c);
  }
}

function findingLine(f: Finding, key: string, c: Colors): string {
  const tag = f.status === 'waived' ? c.dim('waived'.padEnd(8)) : severityColor(c, f.severity)(f.severity.padEnd(8));
  const evidence = [
    f.path ? t(f.path) : '',
    f.observed !== undefined ? `observed ${t(f.observed)}` : '',
    f.expected !== undefined ? `expected ${t(f.expected)}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  return `${tag} ${key}  ${t(findingResource(f))}  ${t(f.message)}${evidence ? c.dim(`  [${evidence}]`) : ''}\n`;
}

/** The wide format: the summary and then every finding. */
export const wideChunks = (result: ScanResult, options: RenderOptions = {}): Generator<string> =>
  terminalChunks(result, { ...options, details: true });

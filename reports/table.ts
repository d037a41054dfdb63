/**
 * Terminal report: one row per failing, erroring or waived control, the failing findings with their
 * evidence (at most FINDINGS_SHOWN per control, then how many more), not-assessed controls grouped
 * by reason, then the summary. Passing, manual and not-applicable controls are counted, not listed
 * (the JSON and HTML reports list everything). Written row by row: cli-table3 lays out one row at a
 * time with fixed column widths, which gives the same text as one table. Every string from the
 * report (cluster data) passes terminalText before it reaches the terminal.
 */
import Table from 'cli-table3';
import type { ControlResult, ScanResult } from '../src/core/result.js';
import { terminalText as t } from '../src/core/terminal-text.js';
import { FINDINGS_SHOWN } from './shown.js';

const LISTED = new Set(['fail', 'error', 'waived']);
const resourceName = (r: { kind: string; namespace?: string; name: string }) => t(`${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`);

export function* tableChunks(result: ScanResult): Generator<string> {
  const src = result.scan.source;
  const scope = [src.namespaces?.length ? `namespaces ${src.namespaces.join(', ')} only` : '', src.excludedNamespaces?.length ? `excluding ${src.excludedNamespaces.join(', ')}` : ''].filter(Boolean).join(', ');
  yield t(`kaudit ${result.tool.version} — ${src.type}${src.context ? ` ${src.context}` : ''}${src.kubernetesVersion ? ` (${src.kubernetesVersion}, ${src.platform})` : ''} — ${result.profiles.join(', ')}${scope ? ` — ${scope}` : ''}`) + '\n';
  const controls = rowTable(['Control', 'Status', 'Severity', 'Title', 'Objects', 'Reason'], [22, 14, 10, 40, 9, 40]);
  for (const c of result.controls) if (LISTED.has(c.status)) yield controls.row([t(`${c.profile} ${c.id}`), c.status, c.severity, t(c.title), objects(c), t(c.reason ?? '')]);
  yield controls.end();
  const findings = rowTable(['Control', 'Resource', 'Finding', 'Observed', 'Expected'], [16, 32, 50, 20, 24]);
  for (const c of result.controls) {
    let shown = 0;
    let more = 0;
    for (const f of c.findings) {
      if (f.status !== 'fail') continue;
      if (shown === FINDINGS_SHOWN) {
        more++;
        continue;
      }
      shown++;
      yield findings.row([t(c.id), resourceName(f.resource) + (f.podCount ? ` (${f.podCount} pods)` : ''), t(f.message) + (f.path ? `\n${t(f.path)}` : ''), t(f.observed ?? ''), t(f.expected ?? '')]);
    }
    if (more) yield findings.row([c.id, '', `… and ${more} more failing ${more === 1 ? 'finding' : 'findings'}: see the JSON report`, '', '']);
  }
  yield findings.end();
  const notAssessed = new Map<string, string[]>();
  for (const c of result.controls) if (c.status === 'not-assessed') notAssessed.set(c.reason ?? '', [...(notAssessed.get(c.reason ?? '') ?? []), c.id]);
  for (const [reason, ids] of notAssessed) yield t(`Not assessed (${ids.length}): ${reason} — ${ids.join(', ')}`) + '\n';
  const s = result.summary;
  const counts = Object.entries(s.counts).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(', ');
  const sev = Object.entries(s.severities).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(', ');
  yield `Score: ${s.score === null ? 'n/a (nothing could be assessed)' : s.score}   Controls: ${counts}${sev ? `   Failing findings: ${sev}` : ''}\n`;
  if (result.coverage.length) yield t(`Not read (${result.coverage.length}): ${result.coverage.slice(0, 5).map((c) => `${c.kind}${c.namespace ? ` in ${c.namespace}` : ''}${c.node ? ` on ${c.node}` : ''} (${c.status ?? 'no response'})`).join(', ')}${result.coverage.length > 5 ? ', …' : ''}`) + '\n';
}

/**
 * A bordered table written a row at a time: the header and top border with the first row, a
 * separator before each further row, the bottom border at the end; nothing when it has no row.
 */
function rowTable(head: string[], colWidths: number[]) {
  const options = { style: { head: [], border: [] }, wordWrap: true, colWidths };
  const lines = (table: Table.Table) => table.toString().split('\n');
  const headed = lines(new Table({ ...options, head }));
  // The separator is the top border with the junction characters of a middle line.
  const separator = headed[0].replace('┌', '├').replaceAll('┬', '┼').replace('┐', '┤');
  let rows = 0;
  let bottom = '';
  return {
    row(cells: string[]): string {
      const table = new Table(options);
      table.push(cells);
      const own = lines(table);
      bottom = own[own.length - 1];
      const body = own.slice(1, -1).join('\n');
      return rows++ ? `${separator}\n${body}\n` : `${headed.slice(0, -1).join('\n')}\n${separator}\n${body}\n`;
    },
    end: (): string => (rows ? `${bottom}\n` : ''),
  };
}

function objects(c: ControlResult): string {
  return c.objects.judged ? `${c.objects.passed}/${c.objects.judged}` : '';
}

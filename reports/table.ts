/**
 * Terminal report: one row per failing, erroring or waived control, the failing findings with their
 * evidence, not-assessed controls grouped by reason, then the summary. Passing, manual and
 * not-applicable controls are counted, not listed (the JSON and HTML reports list everything).
 * Every string from the report (cluster data) passes terminalText before it reaches the terminal.
 */
import Table from 'cli-table3';
import type { ControlResult, ScanResult } from '../src/core/result.js';
import { terminalText as t } from '../src/core/terminal-text.js';

const LISTED = new Set(['fail', 'error', 'waived']);
const resourceName = (r: { kind: string; namespace?: string; name: string }) => t(`${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`);

export function renderTable(result: ScanResult): string {
  const out: string[] = [];
  const src = result.scan.source;
  const scope = [src.namespaces?.length ? `namespaces ${src.namespaces.join(', ')} only` : '', src.excludedNamespaces?.length ? `excluding ${src.excludedNamespaces.join(', ')}` : ''].filter(Boolean).join(', ');
  out.push(t(`kaudit ${result.tool.version} — ${src.type}${src.context ? ` ${src.context}` : ''}${src.kubernetesVersion ? ` (${src.kubernetesVersion}, ${src.platform})` : ''} — ${result.profiles.join(', ')}${scope ? ` — ${scope}` : ''}`));
  const controls = new Table({ head: ['Control', 'Status', 'Severity', 'Title', 'Objects', 'Reason'], style: { head: [], border: [] }, wordWrap: true, colWidths: [22, 14, 10, 40, 9, 40] });
  const listed = result.controls.filter((c) => LISTED.has(c.status));
  for (const c of listed) controls.push([t(`${c.profile} ${c.id}`), c.status, c.severity, t(c.title), objects(c), t(c.reason ?? '')]);
  if (listed.length) out.push(controls.toString());
  const findings = new Table({ head: ['Control', 'Resource', 'Finding', 'Observed', 'Expected'], style: { head: [], border: [] }, wordWrap: true, colWidths: [16, 32, 50, 20, 24] });
  let count = 0;
  for (const c of result.controls) {
    for (const f of c.findings) {
      if (f.status !== 'fail') continue;
      count++;
      findings.push([t(c.id), resourceName(f.resource) + (f.podCount ? ` (${f.podCount} pods)` : ''), t(f.message) + (f.path ? `\n${t(f.path)}` : ''), t(f.observed ?? ''), t(f.expected ?? '')]);
    }
  }
  if (count) out.push(findings.toString());
  const notAssessed = new Map<string, string[]>();
  for (const c of result.controls) if (c.status === 'not-assessed') notAssessed.set(c.reason ?? '', [...(notAssessed.get(c.reason ?? '') ?? []), c.id]);
  for (const [reason, ids] of notAssessed) out.push(t(`Not assessed (${ids.length}): ${reason} — ${ids.join(', ')}`));
  const s = result.summary;
  const counts = Object.entries(s.counts).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(', ');
  const sev = Object.entries(s.severities).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(', ');
  out.push(`Score: ${s.score === null ? 'n/a (nothing could be assessed)' : s.score}   Controls: ${counts}${sev ? `   Failing findings: ${sev}` : ''}`);
  if (result.coverage.length) out.push(t(`Not read (${result.coverage.length}): ${result.coverage.slice(0, 5).map((c) => `${c.kind}${c.namespace ? ` in ${c.namespace}` : ''}${c.node ? ` on ${c.node}` : ''} (${c.status ?? 'no response'})`).join(', ')}${result.coverage.length > 5 ? ', …' : ''}`));
  return out.join('\n') + '\n';
}

function objects(c: ControlResult): string {
  return c.objects.judged ? `${c.objects.passed}/${c.objects.judged}` : '';
}

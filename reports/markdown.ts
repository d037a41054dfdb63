/**
 * Markdown (GitHub-flavoured) for pull-request comments and wikis: the summary, the sections, then
 * the failing controls most severe first with their first affected objects and remediation, and the
 * not-assessed controls by reason, the passing controls with a caveat by it, and the manual controls with their automated evidence. Its size follows the number of controls, not of findings.
 */
import type { ControlResult, ScanResult } from '../src/core/result.js';
import { DEFAULT_TOP, type RenderOptions } from './render-options.js';
import {
  caveatsByReason,
  controlKey,
  controlsWithEvidence,
  evidenceText,
  failingControls,
  failingCount,
  findingResource,
  nonZero,
  notAssessedByReason,
  plural,
  runAsLine,
  sourceLine,
} from './text.js';

/** Cluster text in Markdown: characters that would start markup are escaped, line breaks become spaces. */
export const md = (s: string): string => s.replace(/[\r\n]+/g, ' ').replace(/[\\`*_{}[\]<>|#!~]/g, (ch) => `\\${ch}`);

export function* markdownChunks(result: ScanResult, options: RenderOptions = {}): Generator<string> {
  const top = options.top ?? DEFAULT_TOP;
  const s = result.summary;
  yield `## kaudit: ${s.score === null ? 'no score (nothing could be assessed)' : `score ${s.score}`}\n\n`;
  const runAs = runAsLine(result);
  yield `${md(sourceLine(result))}${runAs !== undefined ? `  \n${md(runAs)}` : ''}\n\n`;
  yield `**${plural(result.controls.length, 'control')}:** ${nonZero(s.counts)}`;
  const severities = nonZero(s.severities);
  yield severities ? `  \n**Failing findings:** ${severities}\n\n` : '\n\n';

  yield '### Sections\n\n| Section | Score | Fail | Not assessed | Pass |\n|---|---:|---:|---:|---:|\n';
  for (const sec of s.sections)
    yield `| ${md(`${sec.profile} ${sec.id} ${sec.title}`)} | ${sec.score ?? '–'} | ${sec.counts.fail} | ${sec.counts['not-assessed']} | ${sec.counts.pass} |\n`;

  const failing = failingControls(result);
  if (failing.length) {
    yield `\n### Failing controls (${failing.length})\n\n| Severity | Control | Findings |\n|---|---|---:|\n`;
    for (const c of failing)
      yield `| ${c.status === 'error' ? 'error' : c.severity} | ${md(`${controlKey(c)} ${c.title}`)} | ${failingCount(c)} |\n`;
    for (const c of failing) yield* failingControl(c, top);
  }
  for (const [heading, byReason] of [
    ['Not assessed', notAssessedByReason(result)],
    ['Passed with a caveat', caveatsByReason(result)],
  ] as const) {
    if (!byReason.size) continue;
    yield `\n### ${heading}\n\n`;
    for (const [reason, controls] of byReason) yield `- ${md(reason)} (${controls.length}): ${controls.map((c) => md(c.id)).join(', ')}\n`;
  }
  const withEvidence = controlsWithEvidence(result);
  if (withEvidence.length) {
    yield `\n### With evidence for the reviewer (${withEvidence.length})\n`;
    for (const c of withEvidence) {
      yield `\n**${md(`${controlKey(c)} ${c.title}`)}**\n\n`;
      for (const e of c.evidence ?? []) {
        const { head, items, more } = evidenceText(e, top);
        yield `- ${md(head)}\n`;
        for (const item of items) yield `  - ${md(item)}\n`;
        if (more) yield `  - … and ${more} more\n`;
      }
    }
  }
  const waived = result.controls.filter((c) => c.status === 'waived');
  if (waived.length) yield `\n**Waived (${waived.length}):** ${waived.map((c) => md(controlKey(c))).join(', ')}\n`;
}

function* failingControl(c: ControlResult, top: number): Generator<string> {
  const n = failingCount(c);
  yield `\n#### ${c.status === 'error' ? 'error' : c.severity}: ${md(`${controlKey(c)} ${c.title}`)}${n ? ` (${plural(n, 'finding')})` : ''}\n\n`;
  if (c.status === 'error') yield `${md(c.reason ?? 'the check failed')}\n`;
  let shown = 0;
  for (const f of c.findings) {
    if (f.status !== 'fail') continue;
    if (shown === top) break;
    shown++;
    yield `- **${md(findingResource(f))}**: ${md(f.message)}\n`;
  }
  if (n > shown) yield `- … and ${n - shown} more\n`;
  if (c.remediation?.length) yield `\n**Remediation:** ${c.remediation.map(md).join('<br>')}\n`;
  if (c.references?.length)
    yield `\n**References:** ${c.references.map((r) => (/^https?:\/\/\S+$/.test(r) ? `<${r}>` : md(r))).join(', ')}\n`;
}

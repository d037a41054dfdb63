/** A ReportDiff as terminal text, JSON, Markdown or a self-contained HTML page, each as chunks. */
import { jsonChunks } from '../src/core/json-write.js';
import { terminalText as t } from '../src/core/terminal-text.js';
import type { DiffFinding, ReportDiff, StatusChange } from './diff.js';
import { md } from './markdown.js';
import { plural } from './text.js';

export const DIFF_FORMATS = ['table', 'json', 'markdown', 'html'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

const score = (s: number | null): string => (s === null ? 'none' : String(s));
const change = (d: ReportDiff): string => (d.scoreChange === null ? 'n/a' : `${d.scoreChange > 0 ? '+' : ''}${d.scoreChange}`);
const status = (s: StatusChange): string => `${s.from ?? '(absent)'} → ${s.to ?? '(absent)'}`;
const findingText = (f: DiffFinding): string => `${f.severity} ${f.control} ${f.resource}: ${f.message}${f.path ? ` (${f.path})` : ''}`;
const headline = (d: ReportDiff): string =>
  `Score ${score(d.old.score)} → ${score(d.new.score)} (${change(d)}); ${d.newFindings.length} new, ${d.fixedFindings.length} fixed, ${d.stillFailing} still failing findings; ${plural(d.statusChanges.length, 'control')} changed status`;

function* tableDiff(d: ReportDiff): Generator<string> {
  yield t(`kaudit report diff: ${d.old.source} ${d.old.startedAt} → ${d.new.source} ${d.new.startedAt}`) + '\n';
  yield headline(d) + '\n';
  if (d.statusChanges.length) {
    yield `\nStatus changes (${d.statusChanges.length})\n`;
    for (const s of d.statusChanges) yield t(`  ${s.control.padEnd(20)} ${status(s).padEnd(28)} ${s.severity.padEnd(8)} ${s.title}`) + '\n';
  }
  for (const [title, list] of [
    ['New findings', d.newFindings],
    ['Fixed findings', d.fixedFindings],
  ] as const) {
    if (!list.length) continue;
    yield `\n${title} (${list.length})\n`;
    for (const f of list) yield t(`  ${findingText(f)}`) + '\n';
  }
}

function* markdownDiff(d: ReportDiff): Generator<string> {
  yield `## kaudit report diff: score ${score(d.old.score)} → ${score(d.new.score)} (${change(d)})\n\n${md(headline(d))}\n`;
  if (d.statusChanges.length) {
    yield '\n### Status changes\n\n| Control | Change | Severity | Title |\n|---|---|---|---|\n';
    for (const s of d.statusChanges) yield `| ${md(s.control)} | ${md(status(s))} | ${s.severity} | ${md(s.title)} |\n`;
  }
  for (const [title, list] of [
    ['New findings', d.newFindings],
    ['Fixed findings', d.fixedFindings],
  ] as const) {
    if (!list.length) continue;
    yield `\n### ${title} (${list.length})\n\n`;
    for (const f of list) yield `- **${f.severity}** ${md(f.control)} ${md(f.resource)}: ${md(f.message)}\n`;
  }
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const h = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c] ?? c);

function* htmlDiff(d: ReportDiff): Generator<string> {
  yield `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>kaudit report diff</title>\n<style>body{font:14px/1.4 system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}.new{color:#b00}.fixed{color:#070}</style></head><body>\n`;
  yield `<h1>kaudit report diff</h1>\n<p>${h(`${d.old.source} ${d.old.startedAt} → ${d.new.source} ${d.new.startedAt}`)}</p>\n<p><strong>${h(headline(d))}</strong></p>\n`;
  if (d.statusChanges.length) {
    yield '<h2>Status changes</h2>\n<table><thead><tr><th>Control</th><th>Change</th><th>Severity</th><th>Title</th></tr></thead><tbody>\n';
    for (const s of d.statusChanges)
      yield `<tr><td>${h(s.control)}</td><td>${h(status(s))}</td><td>${s.severity}</td><td>${h(s.title)}</td></tr>\n`;
    yield '</tbody></table>\n';
  }
  for (const [title, cls, list] of [
    ['New findings', 'new', d.newFindings],
    ['Fixed findings', 'fixed', d.fixedFindings],
  ] as const) {
    if (!list.length) continue;
    yield `<h2 class="${cls}">${title} (${list.length})</h2>\n<ul>\n`;
    for (const f of list) yield `<li><strong>${f.severity}</strong> ${h(f.control)} <code>${h(f.resource)}</code>: ${h(f.message)}</li>\n`;
    yield '</ul>\n';
  }
  yield '</body></html>\n';
}

function* jsonDiff(d: ReportDiff): Generator<string> {
  yield* jsonChunks(d, { indent: 2, depth: 2 });
  yield '\n';
}

export const DIFF_RENDERERS: Record<DiffFormat, (d: ReportDiff) => Iterable<string>> = {
  table: tableDiff,
  json: jsonDiff,
  markdown: markdownDiff,
  html: htmlDiff,
};

/**
 * Waivers (--exceptions FILE). Only the file grants them: annotations on the audited objects are
 * never read for this, so a workload owner cannot waive their own finding. Every entry needs a
 * reason; an expired entry stops matching and is reported; an entry that matched nothing is unused.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { ResourceRef } from '../core/check.js';
import { readProblem, UsageError } from '../core/errors.js';

export interface ResourceSelector {
  kind?: string;
  namespace?: string;
  name?: string;
  labels?: Record<string, string>;
}

export interface ExceptionEntry {
  index: number;
  checks: string[];
  controls: string[];
  resources: ResourceSelector[];
  reason: string;
  owner?: string;
  /** YYYY-MM-DD; the entry applies through the end of that day (UTC). */
  expires?: string;
}

export interface ExceptionSet {
  file: string;
  entries: ExceptionEntry[];
}

const ENTRY_FIELDS = new Set(['checks', 'controls', 'resources', 'reason', 'owner', 'expires']);
const SELECTOR_FIELDS = new Set(['kind', 'namespace', 'name', 'labels']);

export function loadExceptions(file: string, knownChecks: ReadonlySet<string>, knownControls: ReadonlySet<string>): ExceptionSet {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`exceptions ${file}: ${readProblem(err)}`);
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new UsageError(`exceptions ${file}: not valid YAML (${(err as Error).message.split('\n')[0]})`);
  }
  return parseExceptions(file, doc, knownChecks, knownControls);
}

export function parseExceptions(
  file: string,
  doc: unknown,
  knownChecks: ReadonlySet<string>,
  knownControls: ReadonlySet<string>,
): ExceptionSet {
  const list = Array.isArray(doc) ? doc : (doc as { exceptions?: unknown } | null)?.exceptions;
  if (!Array.isArray(list)) throw new UsageError(`exceptions ${file}: expected a list of entries under "exceptions:"`);
  const entries = list.map((raw, index) => parseEntry(file, raw, index, knownChecks, knownControls));
  return { file, entries };
}

function parseEntry(
  file: string,
  raw: unknown,
  index: number,
  knownChecks: ReadonlySet<string>,
  knownControls: ReadonlySet<string>,
): ExceptionEntry {
  const bad = (field: string, problem: string): never => {
    throw new UsageError(`exceptions ${file}: entry ${index + 1}: "${field}" ${problem}`);
  };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) bad('entry', 'must be a mapping');
  const e = raw as Record<string, unknown>;
  for (const key of Object.keys(e)) if (!ENTRY_FIELDS.has(key)) bad(key, `is not a known field (fields: ${[...ENTRY_FIELDS].join(', ')})`);
  const strings = (field: string): string[] => {
    const v = e[field];
    if (v === undefined) return [];
    const arr = typeof v === 'string' ? [v] : v;
    if (!Array.isArray(arr) || arr.some((x) => typeof x !== 'string' || !x)) bad(field, 'must be a list of non-empty strings');
    return arr as string[];
  };
  const checks = strings('checks');
  const controls = strings('controls');
  if (!checks.length && !controls.length) bad('checks', 'or "controls" is required (which findings does this entry waive?)');
  for (const c of checks) if (!knownChecks.has(c)) bad('checks', `names unknown check id "${c}"`);
  for (const c of controls)
    if (!knownControls.has(c)) bad('controls', `names unknown control "${c}" (use an id like 5.2.2 or profile/id like cis-1.12/5.2.2)`);
  if (typeof e.reason !== 'string' || !e.reason.trim()) bad('reason', 'is required: say why this is accepted');
  if (e.owner !== undefined && typeof e.owner !== 'string') bad('owner', 'must be a string');
  let expires: string | undefined;
  if (e.expires !== undefined) {
    // YAML 1.2 keeps dates as strings; a Date only appears for timestamps with a time.
    expires = e.expires instanceof Date ? e.expires.toISOString().slice(0, 10) : String(e.expires);
    // Round-trip, so 2027-02-30 is refused rather than rolled over into March.
    const valid =
      /^\d{4}-\d{2}-\d{2}$/.test(expires) &&
      !Number.isNaN(Date.parse(expires)) &&
      new Date(`${expires}T00:00:00Z`).toISOString().slice(0, 10) === expires;
    if (!valid) bad('expires', `must be a date YYYY-MM-DD (got "${expires}")`);
  }
  const resources = e.resources === undefined ? [] : e.resources;
  if (!Array.isArray(resources)) bad('resources', 'must be a list of selectors {kind, namespace, name, labels}');
  (resources as unknown[]).forEach((sel, i) => {
    if (!sel || typeof sel !== 'object' || Array.isArray(sel)) bad(`resources[${i}]`, 'must be a mapping');
    // An empty selector would match every resource: say so with no resources at all instead.
    if (!Object.keys(sel as object).length) bad(`resources[${i}]`, 'is empty (omit resources to waive everywhere)');
    for (const [k, v] of Object.entries(sel as object)) {
      if (!SELECTOR_FIELDS.has(k))
        bad(`resources[${i}].${k}`, `is not a known selector field (fields: ${[...SELECTOR_FIELDS].join(', ')})`);
      if (
        k === 'labels'
          ? !v || typeof v !== 'object' || Object.values(v as object).some((x) => typeof x !== 'string')
          : typeof v !== 'string' || !v
      )
        bad(`resources[${i}].${k}`, k === 'labels' ? 'must map label keys to string values' : 'must be a non-empty string');
    }
  });
  return {
    index,
    checks,
    controls,
    resources: resources as ResourceSelector[],
    reason: (e.reason as string).trim(),
    owner: e.owner as string | undefined,
    expires,
  };
}

export const isExpired = (entry: ExceptionEntry, now: Date): boolean =>
  entry.expires !== undefined && now.getTime() > Date.parse(`${entry.expires}T23:59:59.999Z`);

export function entryMatches(
  entry: ExceptionEntry,
  finding: { checkId: string; resource: ResourceRef },
  control: { profile: string; id: string },
  labelsOf: (r: ResourceRef) => Record<string, string> | undefined,
): boolean {
  if (entry.checks.length && !entry.checks.includes(finding.checkId)) return false;
  if (entry.controls.length && !entry.controls.some((c) => c === control.id || c === `${control.profile}/${control.id}`)) return false;
  if (!entry.resources.length) return true;
  return entry.resources.some((sel) => selectorMatches(sel, finding.resource, labelsOf));
}

function selectorMatches(sel: ResourceSelector, r: ResourceRef, labelsOf: (r: ResourceRef) => Record<string, string> | undefined): boolean {
  if (sel.kind && !glob(sel.kind, r.kind)) return false;
  if (sel.namespace && !glob(sel.namespace, r.namespace ?? '')) return false;
  if (sel.name && !glob(sel.name, r.name)) return false;
  if (sel.labels) {
    const labels = labelsOf(r) ?? {};
    if (Object.entries(sel.labels).some(([k, v]) => labels[k] !== v)) return false;
  }
  return true;
}

/** Shell-style glob: * and ? only. */
export function glob(pattern: string, value: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return re.test(value);
}

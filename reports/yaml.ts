/**
 * YAML report: the JSON report's data (docs/report-schema.json) as a YAML 1.2 block document,
 * written one finding at a time. Scalars are plain when they cannot be read as anything but a
 * string, else double-quoted with JSON's escapes (a YAML double-quoted string is a superset of a
 * JSON string), so every YAML 1.2 (and 1.1) reader gets back exactly the JSON report's values.
 * Written here rather than with the yaml package's stringify: that took 6-8x the JSON render's CPU
 * on a 5,000-pod report (bench/README.md), and a report is plain data, which needs no more than this.
 */
import type { ScanResult } from '../src/core/result.js';

/** Root, controls[], a control, its findings[]: containers above a finding are written entry by entry. */
const STREAMED_DEPTH = 4;

export function* yamlReportChunks(result: ScanResult): Generator<string> {
  yield* mapping(result as unknown as Record<string, unknown>, '', STREAMED_DEPTH);
}

const PLAIN = /^[A-Za-z_/][\w./-]*$/;
const RESERVED = /^(?:true|false|null|yes|no|on|off|y|n)$/i;
// Characters YAML does not allow raw (DEL, C1 controls but NEL, non-characters); JSON.stringify leaves them.
const NOT_PRINTABLE = /[\u007f-\u0084\u0086-\u009f\ufffe\uffff]/g;

export function yamlScalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : v !== v ? '.nan' : v > 0 ? '.inf' : '-.inf';
  const s = String(v);
  if (PLAIN.test(s) && !RESERVED.test(s)) return s;
  return JSON.stringify(s).replace(NOT_PRINTABLE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const hasEntries = (v: unknown): boolean => (Array.isArray(v) ? v.length > 0 : isMap(v) && Object.values(v).some((x) => x !== undefined));

/** What follows `key:` or `-` for a value: an inline scalar or empty container, else a newline and the nested block. */
function nodeText(v: unknown, pad: string): string {
  if (!hasEntries(v)) return ` ${Array.isArray(v) ? '[]' : isMap(v) ? '{}' : yamlScalar(v)}\n`;
  return '\n' + (Array.isArray(v) ? sequenceText(v, pad) : mappingText(v as Record<string, unknown>, pad));
}

function mappingText(obj: Record<string, unknown>, pad: string): string {
  let text = '';
  for (const k in obj) {
    const v = obj[k];
    if (v !== undefined) text += `${pad}${yamlScalar(k)}:${nodeText(v, pad + '  ')}`;
  }
  return text;
}

function sequenceText(items: unknown[], pad: string): string {
  let text = '';
  // "- key: value" with the mapping's further keys aligned under the first.
  for (const item of items)
    text +=
      isMap(item) && hasEntries(item)
        ? `${pad}- ${mappingText(item, pad + '  ').slice(pad.length + 2)}`
        : `${pad}-${nodeText(item, pad + '  ')}`;
  return text;
}

/** The same text, written entry by entry for the containers above `depth`, so a large report is never one string. */
function* mapping(obj: Record<string, unknown>, pad: string, depth: number): Generator<string> {
  if (depth <= 0) {
    yield mappingText(obj, pad);
    return;
  }
  for (const k in obj) {
    const v = obj[k];
    if (v === undefined) continue;
    if (!hasEntries(v)) yield `${pad}${yamlScalar(k)}:${nodeText(v, pad + '  ')}`;
    else {
      yield `${pad}${yamlScalar(k)}:\n`;
      yield* Array.isArray(v) ? sequence(v, pad + '  ', depth - 1) : mapping(v as Record<string, unknown>, pad + '  ', depth - 1);
    }
  }
}

function* sequence(items: unknown[], pad: string, depth: number): Generator<string> {
  if (depth <= 0) {
    yield sequenceText(items, pad);
    return;
  }
  for (const item of items) {
    if (!(isMap(item) && hasEntries(item))) {
      yield `${pad}-${nodeText(item, pad + '  ')}`;
      continue;
    }
    let first = true;
    for (const text of mapping(item, pad + '  ', depth - 1)) {
      yield first ? `${pad}- ${text.slice(pad.length + 2)}` : text;
      first = false;
    }
  }
}

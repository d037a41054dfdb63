/**
 * Credential-looking ConfigMap entries, judged when the object enters the Inventory: the verdict
 * (key, what gave it away, which line of a file) is kept, the value never is, so neither a cache
 * nor a snapshot can hold it. Judged like env literals: the key's name and the value's shape; inside
 * a file value (application.properties, config.yaml, .env), lines holding a credential-shaped value
 * and `name = value` / `name: value` lines whose name is a credential's and whose value is a literal
 * (a one-line value whose key names no credential is such a line too: `app.properties: "db.password=x"`).
 */
import { classifyLiteral, credentialNameMatch, isLiteralSecret, MAY_HOLD_CREDENTIAL, SECRET_SHAPES } from './sanitize-values.js';
import type { CredentialVerdict, RedactedValue } from './k8s.js';

export type { CredentialVerdict };
import { isRecord } from './shape.js';

/** `name = value`, `name: value`, `"name": "value"`, `export NAME=value`; the name is a word with dots, dashes and underscores. */
const ASSIGNMENT = /^\s*(?:export\s+)?["']?([A-Za-z_][\w.-]{0,80})["']?\s*[:=]\s*(.*?)\s*,?\s*$/;
const MAX_LINES = 10_000;
/** Text that could hold a credential by name or shape at all: one pass over a value (or line) before any closer look. */
const MAY_HOLD = (text: string): boolean =>
  MAY_HOLD_CREDENTIAL.test(text) || /eyJ|AKIA|ASIA|gh[pousr]_|github_pat_|hooks\.slack\.com/.test(text);

const unquote = (v: string): string => (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0] ? v.slice(1, -1) : v);
/** `${VAR}`, `{{ .Values.x }}`, `%(x)s`, `<changeme>`-style placeholders are not literals. */
const PLACEHOLDER = /^(?:\$\{[^}]*\}|\{\{.*\}\}|%\(.*\)s|<[^>]*>|\*+|x+|changeme|null|none|nil|~)$/i;

function isCredentialShape(shape: RedactedValue['shape']): boolean {
  return SECRET_SHAPES[shape] !== undefined;
}

function judgeLine(line: string): { kind: 'line-shape' | 'line-name'; match: string } | undefined {
  const m = ASSIGNMENT.exec(line);
  if (!m) return undefined;
  const [, name = '', raw = ''] = m;
  const value = unquote(raw);
  if (!value) return undefined;
  const shape = classifyLiteral(value).shape;
  if (isCredentialShape(shape)) return { kind: 'line-shape', match: shape };
  const word = credentialNameMatch(name);
  if (word && isLiteralSecret(value) && !PLACEHOLDER.test(value) && !/\s/.test(value)) return { kind: 'line-name', match: word };
  return undefined;
}

/** One entry: the whole value, then (for multi-line values) each line. */
export function judgeConfigEntry(key: string, value: string): CredentialVerdict | undefined {
  if (!value || !(MAY_HOLD(value) || credentialNameMatch(key))) return undefined;
  const shape = classifyLiteral(value).shape;
  if (isCredentialShape(shape)) return { key, kind: 'shape', match: shape };
  if (!value.includes('\n')) {
    const word = credentialNameMatch(key);
    if (word) return isLiteralSecret(value) && !PLACEHOLDER.test(value) ? { key, kind: 'name', match: word } : undefined;
    // A one-line file value (`app.properties: "db.password=x"`) is judged by its inner name and value, like each line of a longer one.
  }
  const lines = value.split('\n', MAX_LINES);
  for (const [i, line] of lines.entries()) {
    if (line.length > 4096 || /^\s*[#;]/.test(line) || !MAY_HOLD(line)) continue;
    const verdict = judgeLine(line);
    if (verdict) return { key, ...verdict, line: i + 1 };
  }
  return undefined;
}

/** Verdicts for a ConfigMap's data, in key order; binaryData is not judged. */
export function judgeConfigMapData(data: unknown): CredentialVerdict[] {
  if (!isRecord(data)) return [];
  const verdicts: CredentialVerdict[] = [];
  for (const key of Object.keys(data).sort()) {
    const value = data[key];
    // A manifest may hold an unquoted number or boolean (password: 12345678): a literal too.
    const verdict =
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? judgeConfigEntry(key, String(value))
        : undefined;
    if (verdict) verdicts.push(verdict);
  }
  return verdicts;
}

const KINDS = new Set(['shape', 'name', 'line-shape', 'line-name']);

/** Verdicts already kept (a snapshot being loaded): only well-formed ones about a kept key survive, so nothing else can ride in them. */
export function prunedVerdicts(verdicts: unknown, dataKeys: readonly string[]): CredentialVerdict[] {
  if (!Array.isArray(verdicts)) return [];
  const keys = new Set(dataKeys);
  return verdicts
    .filter(
      (v): v is CredentialVerdict =>
        isRecord(v) &&
        typeof v.key === 'string' &&
        keys.has(v.key) &&
        KINDS.has(v.kind as string) &&
        typeof v.match === 'string' &&
        /^[a-z_-]{2,32}$/.test(v.match) &&
        (v.line === undefined || Number.isInteger(v.line)),
    )
    .map((v) =>
      v.line === undefined ? { key: v.key, kind: v.kind, match: v.match } : { key: v.key, kind: v.kind, match: v.match, line: v.line },
    );
}

/**
 * CSV (RFC 4180): a header row, then a row per finding (failing and waived), CRLF line ends, a
 * field quoted when it holds a comma, a quote or a line break, quotes doubled. Each row repeats its
 * control's first remediation so a spreadsheet filter on one row says what to do.
 */
import type { ControlResult, Finding, ScanResult } from '../src/core/result.js';

export const CSV_HEADER = [
  'profile',
  'control',
  'control_title',
  'severity',
  'status',
  'check',
  'api_version',
  'kind',
  'namespace',
  'name',
  'pod_count',
  'system',
  'path',
  'message',
  'observed',
  'expected',
  'waiver_reason',
  'remediation',
] as const;

const NEEDS_QUOTES = /[",\r\n]/;
export const csvField = (v: string | number | boolean | undefined): string => {
  const s = v === undefined ? '' : String(v);
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function* csvChunks(result: ScanResult): Generator<string> {
  yield CSV_HEADER.join(',') + '\r\n';
  for (const c of result.controls) {
    if (!c.findings.length) continue;
    const control = [c.profile, c.id, c.title].map(csvField).join(',');
    const remediation = csvField(c.remediation?.[0]);
    for (const f of c.findings) yield row(control, c, f, remediation);
  }
}

function row(control: string, c: ControlResult, f: Finding, remediation: string): string {
  const r = f.resource;
  return `${control},${[f.severity, f.status, f.checkId, r.apiVersion, r.kind, r.namespace, r.name, f.podCount, f.system ? 'true' : '', f.path, f.message, f.observed, f.expected, f.waiver?.reason].map(csvField).join(',')},${c.status === 'fail' ? remediation : ''}\r\n`;
}

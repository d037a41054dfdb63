/**
 * Prometheus text exposition format (0.0.4), for a textfile collector or a Pushgateway: the score,
 * findings by severity, a status series per control, and the scan's duration and time. Every series
 * carries `cluster` (the context, server or source type) and, where it applies, `profile`.
 */
import type { ScanResult } from '../src/core/result.js';
import { SEVERITIES, type Severity } from '../src/core/severity.js';
import { clusterName } from './text.js';

/** Label values escape backslash, double quote and newline (the format's only escapes). */
export const labelValue = (s: string): string => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labels = (pairs: Record<string, string>): string =>
  `{${Object.entries(pairs)
    .map(([k, v]) => `${k}="${labelValue(v)}"`)
    .join(',')}}`;
const family = (name: string, help: string, type: 'gauge' | 'counter' = 'gauge') => `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n`;

export function* prometheusChunks(result: ScanResult): Generator<string> {
  const cluster = clusterName(result);
  const s = result.summary;
  yield family('kaudit_compliance_score', 'Compliance score 0-100 (mean of the scored controls); profile="all" is the whole scan.');
  if (s.score !== null) yield `kaudit_compliance_score${labels({ cluster, profile: 'all' })} ${s.score}\n`;
  for (const p of s.profiles) if (p.score !== null) yield `kaudit_compliance_score${labels({ cluster, profile: p.id })} ${p.score}\n`;

  yield family('kaudit_findings', 'Failing findings (waived excluded) by severity and profile.');
  for (const p of result.profiles) {
    const bySeverity = Object.fromEntries(SEVERITIES.map((sev) => [sev, 0])) as Record<Severity, number>;
    for (const c of result.controls) if (c.profile === p) for (const f of c.findings) if (f.status === 'fail') bySeverity[f.severity]++;
    for (const sev of SEVERITIES) yield `kaudit_findings${labels({ cluster, profile: p, severity: sev })} ${bySeverity[sev]}\n`;
  }

  yield family('kaudit_controls', 'Controls by status and profile.');
  for (const p of s.profiles)
    for (const [status, n] of Object.entries(p.counts)) yield `kaudit_controls${labels({ cluster, profile: p.id, status })} ${n}\n`;

  yield family('kaudit_control_status', 'One series per control, value 1, its status in the status label.');
  for (const c of result.controls)
    yield `kaudit_control_status${labels({ cluster, profile: c.profile, control: c.id, severity: c.severity, status: c.status })} 1\n`;

  yield family('kaudit_scan_duration_seconds', 'How long the scan took.');
  yield `kaudit_scan_duration_seconds${labels({ cluster })} ${result.scan.durationMs / 1000}\n`;
  yield family('kaudit_scan_timestamp_seconds', 'When the scan finished, Unix time.');
  yield `kaudit_scan_timestamp_seconds${labels({ cluster })} ${Date.parse(result.scan.finishedAt) / 1000}\n`;
}

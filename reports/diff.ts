/**
 * What changed between two JSON reports of the same cluster: findings that are new, fixed or still
 * failing, controls whose status changed, and the score change. A finding is the same finding when
 * its control, check, resource and path (or, without a path, its message) are the same; counts in
 * messages (pods affected) do not make a finding new.
 */
import type { ControlStatus, Finding, ScanResult } from '../src/core/result.js';
import { atLeast, type Severity } from '../src/core/severity.js';
import { clusterName, controlKey, resourceName } from './text.js';

export interface DiffFinding {
  control: string;
  checkId: string;
  severity: Severity;
  resource: string;
  path?: string;
  message: string;
}

export interface StatusChange {
  control: string;
  title: string;
  severity: Severity;
  /** Absent: the control was not in that report. */
  from?: ControlStatus;
  to?: ControlStatus;
}

export interface ReportDiff {
  old: DiffSide;
  new: DiffSide;
  /** new score - old score, null when either has none. */
  scoreChange: number | null;
  newFindings: DiffFinding[];
  fixedFindings: DiffFinding[];
  stillFailing: number;
  statusChanges: StatusChange[];
}

interface DiffSide {
  startedAt: string;
  source: string;
  profiles: string[];
  score: number | null;
}

const side = (r: ScanResult): DiffSide => ({
  startedAt: r.scan.startedAt,
  source: clusterName(r),
  profiles: r.profiles,
  score: r.summary.score,
});

function failing(r: ScanResult): Map<string, DiffFinding> {
  const byKey = new Map<string, DiffFinding>();
  for (const c of r.controls) {
    const control = controlKey(c);
    for (const f of c.findings)
      if (f.status === 'fail')
        byKey.set(findingIdentity(control, f), {
          control,
          checkId: f.checkId,
          severity: f.severity,
          resource: resourceName(f.resource),
          ...(f.path ? { path: f.path } : {}),
          message: f.message,
        });
  }
  return byKey;
}

const findingIdentity = (control: string, f: Finding): string =>
  [control, f.checkId, f.resource.kind, f.resource.namespace ?? '', f.resource.name, f.path ?? f.message].join('\u0000');

export function diffReports(oldReport: ScanResult, newReport: ScanResult): ReportDiff {
  const before = failing(oldReport);
  const after = failing(newReport);
  const newFindings = [...after].filter(([k]) => !before.has(k)).map(([, f]) => f);
  const fixedFindings = [...before].filter(([k]) => !after.has(k)).map(([, f]) => f);
  const oldStatus = new Map(oldReport.controls.map((c) => [controlKey(c), c]));
  const newStatus = new Map(newReport.controls.map((c) => [controlKey(c), c]));
  const statusChanges: StatusChange[] = [];
  for (const [key, c] of newStatus) {
    const was = oldStatus.get(key);
    if (was?.status !== c.status)
      statusChanges.push({ control: key, title: c.title, severity: c.severity, ...(was ? { from: was.status } : {}), to: c.status });
  }
  for (const [key, c] of oldStatus)
    if (!newStatus.has(key)) statusChanges.push({ control: key, title: c.title, severity: c.severity, from: c.status });
  const o = oldReport.summary.score;
  const n = newReport.summary.score;
  return {
    old: side(oldReport),
    new: side(newReport),
    scoreChange: o === null || n === null ? null : Math.round((n - o) * 10) / 10,
    newFindings,
    fixedFindings,
    stillFailing: after.size - newFindings.length,
    statusChanges,
  };
}

/** --fail-on-new: a new failing finding, or a control newly failing, at or above the severity. */
export function newFailuresAtOrAbove(d: ReportDiff, min: Severity): number {
  const withNewFinding = new Set(d.newFindings.map((f) => f.control));
  const newlyFailing = d.statusChanges.filter((c) => c.to === 'fail' && atLeast(c.severity, min) && !withNewFinding.has(c.control));
  return d.newFindings.filter((f) => atLeast(f.severity, min)).length + newlyFailing.length;
}

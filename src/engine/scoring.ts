/**
 * Compliance score (docs/scoring.md): a control scores the share of judged objects that passed
 * (waived count as passed); a section and the whole scan score the mean over their scored controls.
 * manual, not-applicable, not-assessed and error controls are left out and counted beside, so a scan
 * that could read nothing scores null, never 100.
 */
import {
  CONTROL_STATUSES,
  SCORED_STATUSES,
  type ControlResult,
  type ProfileSummary,
  type ScanSummary,
  type SectionSummary,
  type SeverityCounts,
  type StatusCounts,
} from '../core/result.js';
import { SEVERITIES } from '../core/severity.js';
import type { Profile } from '../core/profile.js';

export const round1 = (n: number): number => Math.round(n * 10) / 10;

export function controlScore(c: Pick<ControlResult, 'status' | 'objects'>): number | undefined {
  if (!SCORED_STATUSES.includes(c.status)) return undefined;
  return c.objects.judged === 0 ? 100 : round1((100 * c.objects.passed) / c.objects.judged);
}

export function meanScore(controls: ControlResult[]): number | null {
  const scores = controls.map((c) => c.score).filter((s): s is number => s !== undefined);
  return scores.length ? round1(scores.reduce((a, b) => a + b, 0) / scores.length) : null;
}

export function statusCounts(controls: ControlResult[]): StatusCounts {
  const counts = Object.fromEntries(CONTROL_STATUSES.map((s) => [s, 0])) as StatusCounts;
  for (const c of controls) counts[c.status]++;
  return counts;
}

export function summarize(controls: ControlResult[], profiles: Profile[]): ScanSummary {
  const severities = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SeverityCounts;
  for (const c of controls) for (const f of c.findings) if (f.status === 'fail') severities[f.severity]++;
  const sections: SectionSummary[] = [];
  const profileSummaries: ProfileSummary[] = [];
  for (const p of profiles) {
    const inProfile = controls.filter((c) => c.profile === p.id);
    if (inProfile.length) profileSummaries.push({ id: p.id, title: p.title, score: meanScore(inProfile), counts: statusCounts(inProfile) });
    for (const s of p.sections) {
      const inSection = controls.filter((c) => c.profile === p.id && c.section === s.id);
      if (!inSection.length) continue;
      sections.push({ profile: p.id, id: s.id, title: s.title, score: meanScore(inSection), counts: statusCounts(inSection) });
    }
  }
  return { score: meanScore(controls), counts: statusCounts(controls), severities, profiles: profileSummaries, sections };
}

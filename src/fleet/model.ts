/**
 * The fleet summary: many clusters' reports side by side. Pure functions over plain data.
 * Each report is first reduced to a small ClusterDigest (scores and failing control ids), so a
 * fleet of large reports is summarised one report at a time and never held whole.
 */
import type { ScanResult, SeverityCounts } from '../core/result.js';
import { severityRank, type Severity } from '../core/severity.js';

export const FLEET_VERSION = 1;

/** complete: every read succeeded; partial: some reads failed (see coverage); unreachable: no report. */
export type ClusterState = 'complete' | 'partial' | 'unreachable';

export interface ClusterDigest {
  cluster: string;
  state: ClusterState;
  /** Why the cluster is partial or unreachable, one line. */
  reason?: string;
  /** The report file, when one was read or written. */
  report?: string;
  /** The cluster's exit code: 0, 1 (--fail-on tripped), 2, 3 or 4. */
  exitCode?: number;
  finishedAt?: string;
  kubernetesVersion?: string;
  platform?: string;
  score: number | null;
  profiles: { id: string; score: number | null }[];
  failing: number;
  notAssessed: number;
  severities?: SeverityCounts;
  /** Failing controls (profile/id) with what the fleet view shows of them. */
  failingControls: { profile: string; id: string; title: string; severity: Severity }[];
  sections: { profile: string; id: string; title: string; score: number | null }[];
}

export interface FailingControl {
  profile: string;
  id: string;
  title: string;
  severity: Severity;
  clusters: string[];
}

export interface SectionRanking {
  profile: string;
  section: string;
  title: string;
  /** The lowest-scoring clusters in this section (below 100 only), worst first. */
  worst: { cluster: string; score: number }[];
}

export interface FleetSummary {
  fleetVersion: number;
  counts: { clusters: number; complete: number; partial: number; unreachable: number };
  /** Worst score first; unreachable clusters last. */
  clusters: ClusterDigest[];
  /** Controls failing in the most clusters first. */
  failingControls: FailingControl[];
  worstBySection: SectionRanking[];
}

/** How many clusters each section ranking lists. */
export const WORST_PER_SECTION = 3;

export function digestReport(cluster: string, result: ScanResult, extra: { report?: string; exitCode?: number } = {}): ClusterDigest {
  const gaps = result.coverage.length;
  const first = result.coverage[0];
  return {
    cluster,
    state: gaps ? 'partial' : 'complete',
    reason:
      gaps && first
        ? `${gaps} ${gaps === 1 ? 'read' : 'reads'} failed (first: ${first.kind}${first.namespace ? ` in ${first.namespace}` : ''}${first.node ? ` on ${first.node}` : ''}: ${first.reason})`
        : undefined,
    ...extra,
    finishedAt: result.scan.finishedAt,
    kubernetesVersion: result.scan.source.kubernetesVersion,
    platform: result.scan.source.platform,
    score: result.summary.score,
    profiles: result.summary.profiles.map((p) => ({ id: p.id, score: p.score })),
    failing: result.summary.counts.fail,
    notAssessed: result.summary.counts['not-assessed'],
    severities: result.summary.severities,
    failingControls: result.controls
      .filter((c) => c.status === 'fail')
      .map((c) => ({ profile: c.profile, id: c.id, title: c.title, severity: c.severity })),
    sections: result.summary.sections.map((s) => ({ profile: s.profile, id: s.id, title: s.title, score: s.score })),
  };
}

export function unreachableDigest(cluster: string, reason: string, exitCode: number): ClusterDigest {
  return {
    cluster,
    state: 'unreachable',
    reason,
    exitCode,
    score: null,
    profiles: [],
    failing: 0,
    notAssessed: 0,
    failingControls: [],
    sections: [],
  };
}

const byScore = (a: ClusterDigest, b: ClusterDigest): number =>
  Number(a.state === 'unreachable') - Number(b.state === 'unreachable') ||
  (a.score ?? Infinity) - (b.score ?? Infinity) ||
  a.cluster.localeCompare(b.cluster);

export function buildFleet(digests: readonly ClusterDigest[]): FleetSummary {
  const failing = new Map<string, FailingControl>();
  const sections = new Map<string, SectionRanking>();
  for (const d of digests) {
    for (const c of d.failingControls) {
      const key = `${c.profile}/${c.id}`;
      const entry = failing.get(key) ?? { ...c, clusters: [] };
      entry.clusters.push(d.cluster);
      failing.set(key, entry);
    }
    for (const s of d.sections) {
      const key = `${s.profile}/${s.id}`;
      const entry = sections.get(key) ?? { profile: s.profile, section: s.id, title: s.title, worst: [] };
      if (s.score !== null && s.score < 100) entry.worst.push({ cluster: d.cluster, score: s.score });
      sections.set(key, entry);
    }
  }
  for (const f of failing.values()) f.clusters.sort();
  for (const s of sections.values())
    s.worst = s.worst.sort((a, b) => a.score - b.score || a.cluster.localeCompare(b.cluster)).slice(0, WORST_PER_SECTION);
  const count = (state: ClusterState) => digests.filter((d) => d.state === state).length;
  return {
    fleetVersion: FLEET_VERSION,
    counts: { clusters: digests.length, complete: count('complete'), partial: count('partial'), unreachable: count('unreachable') },
    clusters: [...digests].sort(byScore),
    failingControls: [...failing.values()].sort(
      (a, b) =>
        b.clusters.length - a.clusters.length ||
        severityRank(b.severity) - severityRank(a.severity) ||
        a.profile.localeCompare(b.profile) ||
        a.id.localeCompare(b.id, undefined, { numeric: true }),
    ),
    worstBySection: [...sections.values()].filter((s) => s.worst.length > 0),
  };
}

/** Every profile scored in the fleet, in first-seen order: the columns of the per-profile table. */
export const fleetProfiles = (fleet: FleetSummary): string[] => [...new Set(fleet.clusters.flatMap((c) => c.profiles.map((p) => p.id)))];

/**
 * The fleet's exit code: 4 if kaudit failed on any cluster, else 2 for bad input on any, else 3 when
 * any cluster was unreachable (unless allowed), else 1 when any cluster tripped --fail-on, else 0.
 */
export function fleetExitCode(digests: readonly ClusterDigest[], allowUnreachable = false): number {
  const codes = new Set(digests.map((d) => d.exitCode ?? 0));
  for (const code of [4, 2]) if (codes.has(code)) return code;
  if (codes.has(3) && !allowUnreachable) return 3;
  return codes.has(1) ? 1 : 0;
}

/**
 * ScanResult: the one model every reporter renders, and JSON report v1 as written
 * (docs/report-schema.json). Changing a field here is changing a public contract.
 */
import type { ResourceRef } from './check.js';
import type { CoverageEntry, ObjectSource, Platform, ScanIdentity, SourceType } from './inventory.js';
import type { ControlType } from './profile.js';
import type { Severity } from './severity.js';

export const REPORT_VERSION = 1;

export const CONTROL_STATUSES = ['pass', 'fail', 'manual', 'not-applicable', 'not-assessed', 'waived', 'error'] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

/** Statuses that count towards the compliance score. */
export const SCORED_STATUSES: readonly ControlStatus[] = ['pass', 'fail', 'waived'];

export interface Waiver {
  reason: string;
  owner?: string;
  expires?: string;
  /** Index of the entry in the exceptions file (0-based). */
  entry: number;
}

export interface Finding {
  checkId: string;
  status: 'fail' | 'waived';
  severity: Severity;
  resource: ResourceRef;
  path?: string;
  message: string;
  observed?: string;
  expected?: string;
  podCount?: number;
  /** The resource is in a system namespace (kube-system and the like). */
  system?: boolean;
  /** Manifests scans: the file and line the resource was read from (shared by its findings). */
  source?: ObjectSource;
  waiver?: Waiver;
}

/** What one evidence check found, as it would judge itself (it never changes the control's status). */
export const EVIDENCE_STATUSES = ['pass', 'fail', 'manual', 'not-applicable', 'not-assessed', 'error'] as const;
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];

/** One item of evidence: a finding of the evidence check, named as findings are. */
export interface EvidenceItem {
  resource: ResourceRef;
  path?: string;
  message: string;
  observed?: string;
}

/** Evidence items kept per check; the rest are counted in `more`. */
export const MAX_EVIDENCE_ITEMS = 20;

/**
 * Automated evidence on a control a human decides (profile `evidence:`): what one check saw, with
 * its own verdict (`fail`: it found what its title warns of), the reason when it could not judge (on
 * a pass, what it did not verify: CheckMeta.caveat), and its first findings as items.
 */
export interface EvidenceEntry {
  checkId: string;
  /** The check's title: what its pass means. */
  title: string;
  status: EvidenceStatus;
  reason?: string;
  items: EvidenceItem[];
  /** Items found beyond those listed. */
  more?: number;
}

export interface ControlResult {
  profile: string;
  id: string;
  title: string;
  section: string;
  type: ControlType;
  severity: Severity;
  status: ControlStatus;
  /**
   * Why the control is manual, not-applicable, not-assessed, waived or error; on fail, a note on
   * partial data; on pass, what its checks did not verify (their caveats, CheckMeta.caveat).
   */
  reason?: string;
  guidance?: string;
  checks: string[];
  /** On failing controls: what to do, one text per distinct check remediation, and where to read more. */
  remediation?: string[];
  references?: string[];
  /** Objects judged, and those that passed (waived count as passed); score = passed / judged. */
  objects: { judged: number; passed: number };
  /** 0..100, absent when the control is not scored. */
  score?: number;
  findings: Finding[];
  /** Automated evidence for a human's decision (manual controls); never part of the status or score. */
  evidence?: EvidenceEntry[];
}

export type StatusCounts = Record<ControlStatus, number>;
export type SeverityCounts = Record<Severity, number>;

export interface SectionSummary {
  profile: string;
  id: string;
  title: string;
  score: number | null;
  counts: StatusCounts;
}

export interface ProfileSummary {
  id: string;
  title: string;
  score: number | null;
  counts: StatusCounts;
}

export interface ScanSummary {
  /** Mean of control scores over scored controls; null when no control could be scored. */
  score: number | null;
  counts: StatusCounts;
  /** Failing findings by severity (waived excluded). */
  severities: SeverityCounts;
  profiles: ProfileSummary[];
  sections: SectionSummary[];
}

export interface ExceptionReport {
  applied: { entry: number; reason: string; owner?: string; expires?: string; findings: number }[];
  expired: { entry: number; reason: string; owner?: string; expires: string }[];
  unused: { entry: number; reason: string; owner?: string }[];
}

/** 'deny-all': a policy selecting every pod with no rule for the direction; 'isolating': such a policy with allow rules; 'none'. */
export type DefaultDeny = 'deny-all' | 'isolating' | 'none';

/** One namespace's network isolation, computed from the policies alone (checks/_shared/netpol-summary.ts). */
export interface NamespaceIsolation {
  namespace: string;
  /** NetworkPolicies of the namespace (what CIS 5.3.2 counts). */
  policies: number;
  /** Cilium and Calico policies that apply in it (its own and the cluster-wide ones whose selector admits it). */
  crdPolicies: number;
  /** Policies applying in it that kaudit could not read (they select nothing), with the reason. */
  notUnderstood: string[];
  pods: number;
  ingressIsolated: number;
  egressIsolated: number;
  defaultDeny: { ingress: DefaultDeny; egress: DefaultDeny };
  /** The policy that makes the default (first found), for evidence. */
  defaultDenyPolicy: { ingress?: string; egress?: string };
}

/** Per-namespace isolation, in the result when a check reading NetworkPolicies ran (additive to report version 1). */
export interface NetworkSection {
  /** Why the figures are left out (policies, pods or namespaces not fully read); `namespaces` is then empty. */
  notAssessed?: string;
  namespaces: NamespaceIsolation[];
  /**
   * Network-policy kinds the source serves that kaudit does not evaluate, one sentence each
   * ("AdminNetworkPolicy (policy.networking.k8s.io) is served but not evaluated by kaudit: …");
   * absent when none. The counts leave them out: a pod is never counted isolated on a policy not read.
   */
  unevaluated?: string[];
}

export interface ScanResult {
  reportVersion: number;
  tool: { name: 'kaudit'; version: string };
  scan: {
    startedAt: string;
    finishedAt: string;
    durationMs: number;
    /** --cluster-name (or KAUDIT_CLUSTER_NAME): the name the report, its files, the Pushgateway group and the fleet summary use instead of the context. */
    clusterName?: string;
    source: {
      type: SourceType;
      context?: string;
      server?: string;
      inputs?: string[];
      kubernetesVersion?: string;
      platform: Platform;
      /** The scan's namespace scope (-n), when limited: findings cover these namespaces only. */
      namespaces?: string[];
      excludedNamespaces?: string[];
    };
    /** Who the scan ran as (live: a SelfSubjectReview; offline: none). Absent in reports of older versions. */
    identity?: ScanIdentity;
    /** The Pod Security Standards policy version asked for (--pss-version, default latest) and the one it evaluates as. */
    pssVersion?: { requested: string; evaluatedAs: string };
  };
  profiles: string[];
  summary: ScanSummary;
  controls: ControlResult[];
  coverage: CoverageEntry[];
  exceptions: ExceptionReport;
  network?: NetworkSection;
}

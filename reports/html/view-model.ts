/**
 * The HTML report's view model: a pure function of the ScanResult that precomputes everything
 * report.ejs shows (labels, formatted times, grouped controls, counts), so the template only loops
 * and prints. Order follows the ScanResult, which is stable: profiles, sections and controls as
 * they come, findings as each control lists them.
 */
import {
  CONTROL_STATUSES,
  type ControlResult,
  type ControlStatus,
  type Finding,
  type ScanResult,
  type StatusCounts,
} from '../../src/core/result.js';
import { SEVERITIES, type Severity } from '../../src/core/severity.js';
import { FINDINGS_SHOWN } from '../shown.js';
import { identityText, pssVersionText, resourceName } from '../text.js';
import { contentSecurityPolicy, cssString, pageAssets } from './assets.js';
import { CHART, counts as countChart, statusBySection, type Chart } from './charts.js';
import type { JsonDigest } from './digest.js';
import {
  allotWorkloads,
  anchor,
  controlLabel,
  indexProblems,
  namespaceOf,
  topRisks,
  type ControlRef,
  type Problem,
  type ProblemIndex,
  type Risk,
  type Workload,
} from './problems.js';
import { mustExist } from '../../src/core/errors.js';
import { evidenceText } from '../text.js';

export { anchor } from './problems.js';

/** How many failing controls (grouped by the checks they run) the summary ranks as top risks. */
export const TOP_RISKS = 10;
/** Problem rows the per-workload view shows in all (a 20,000-pod scan has tens of thousands). */
export const WORKLOAD_ROWS_SHOWN = 3000;
/** Problems shown per workload card. */
export const PROBLEMS_PER_WORKLOAD = 100;
/**
 * Findings each failing control prints on paper (after the ones already listed under an earlier
 * control are left out): the printed document stays short; the screen shows FINDINGS_SHOWN.
 */
export const FINDINGS_PRINTED = 6;
/** Bars in the namespace and workload charts. */
const CHART_BARS = 10;

export const STATUS_LABELS: Record<ControlStatus, string> = {
  pass: 'Pass',
  fail: 'Fail',
  manual: 'Manual',
  'not-applicable': 'Not applicable',
  'not-assessed': 'Not assessed',
  waived: 'Waived',
  error: 'Error',
};

const STATUS_MEANINGS: Record<ControlStatus, string> = {
  pass: 'every object judged passed and all the data needed was read',
  fail: 'at least one finding no exception waives',
  manual: 'needs a human; the guidance says what to look at',
  'not-applicable': 'cannot apply here; the reason says why',
  'not-assessed': 'the data could not be read; the reason says why',
  waived: 'every finding is covered by an exception',
  error: 'the check itself failed',
};

const SOURCE_LABELS: Record<ScanResult['scan']['source']['type'], string> = {
  live: 'live cluster',
  manifests: 'manifests (offline)',
  snapshot: 'snapshot (offline)',
};

const NO_GAP: Record<ScanResult['scan']['source']['type'], string> = {
  live: 'Every read of the cluster API succeeded.',
  manifests:
    'The manifests are the whole input: there was no API read to fail. What they do not contain (static pods, kubelet configuration) makes the controls that need it not assessed, listed below.',
  snapshot: 'The snapshot recorded no failed read.',
};

const ATTENTION: readonly ControlStatus[] = ['fail', 'error'];

export interface Fact {
  label: string;
  value: string;
  /** Machine-readable time for a <time datetime> element. */
  datetime?: string;
}

export interface Count {
  key: string;
  label: string;
  count: number;
  /** One line saying what the status means (legend), for statuses. */
  meaning?: string;
}

export interface WaiverView {
  /** Where the entry sits in the exceptions file, e.g. exceptions[0]. */
  entry: string;
  reason: string;
  owner: string;
  expires: string;
}

export interface FindingView {
  checkId: string;
  status: Finding['status'];
  severity: string;
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  /** kind namespace/name, for one-line mentions. */
  resource: string;
  /** Manifests: "file:line" the resource was read from. */
  source?: string;
  path?: string;
  observed?: string;
  expected?: string;
  message: string;
  podCount?: number;
  /** "2 pods" when the finding was attributed to a workload; "no live pods" for 0 (manifests, scaled to zero). */
  pods?: string;
  system: boolean;
  waiver?: WaiverView;
  /** Namespace token for the filter: the namespace, or "-" for cluster scope. */
  ns: string;
  /** The other controls this same problem fails (resource, field and check), and where it is listed once. */
  also: ControlRef[];
  problemHref?: string;
  /** The same problem is listed under an earlier control: on paper it is not repeated. */
  repeat: boolean;
  /** Not a repeat, but past the first FINDINGS_PRINTED of its control: shown on screen, not on paper. */
  unprinted?: boolean;
}

export interface ControlView {
  /** Anchor of the control in "All controls". */
  anchor: string;
  /** Anchor of the control in "Needs attention" (failing and erroring controls only). */
  attentionAnchor?: string;
  profile: string;
  id: string;
  title: string;
  section: string;
  sectionTitle: string;
  /** The section as shown: "5.1 RBAC and service accounts", or the title alone when the id is a word. */
  sectionLabel: string;
  type: string;
  status: ControlStatus;
  statusLabel: string;
  severity: string;
  reason?: string;
  guidance?: string;
  checks: string[];
  judged: number;
  passed: number;
  /** "3 of 5 passed", "no object to judge", or "—" for unscored controls without objects. */
  objects: string;
  /** "53.6", or "—" when the control is not scored. */
  score: string;
  /** The first FINDINGS_SHOWN findings; `hidden` says how many more the JSON report lists. */
  findings: FindingView[];
  hidden: number;
  /** Counted over all the control's findings, shown or not. */
  failing: number;
  waived: number;
  /** "CIS 5.2.2", "PSS baseline privileged". */
  label: string;
  remediation: string[];
  references: { text: string; href?: string }[];
  /** Namespace tokens of the findings shown, for the namespace filter. */
  ns: string;
  /** Shown findings listed under an earlier control too, and those controls (print leaves them out). */
  repeats: number;
  repeatsOf: string[];
  /** Findings of the control not printed: those shown past FINDINGS_PRINTED (repeats aside), and every finding past FINDINGS_SHOWN. */
  unprinted: number;
  /** Automated evidence for a human's decision (manual controls), each check's first items. */
  evidence: EvidenceView[];
}

export interface EvidenceView {
  /** "secret-bootstrap-token (fail): No bootstrap token Secrets remain — reason". */
  head: string;
  status: string;
  items: string[];
  more: number;
}

/** Evidence items shown per check in the HTML report (the JSON report keeps up to MAX_EVIDENCE_ITEMS). */
const EVIDENCE_SHOWN = 10;

export interface SectionView {
  anchor: string;
  profile: string;
  id: string;
  title: string;
  /** "5.1 RBAC and service accounts", or the title alone when the id is a word ("resources"). */
  label: string;
  score: string;
  counts: StatusCounts;
  controls: ControlView[];
}

export interface ProfileView {
  anchor: string;
  id: string;
  /** Mean of the scores of its pass, fail and waived controls (the formula of sections and the scan). */
  score: string;
  counts: StatusCounts;
  total: number;
  sections: SectionView[];
}

export interface CoverageGapView {
  kind: string;
  key: string;
  /** cluster scope, namespace x, node y. */
  where: string;
  status: string;
  reason: string;
}

export interface NotAssessedGroup {
  reason: string;
  controls: { anchor: string; label: string }[];
}

export interface ExceptionsView {
  any: boolean;
  applied: { entry: string; reason: string; owner: string; expires: string; findings: number }[];
  expired: { entry: string; reason: string; owner: string; expires: string }[];
  unused: { entry: string; reason: string; owner: string }[];
}

/** A problem as the per-workload view shows it, with the profiles it fails (for the profile filter). */
export type ProblemView = Problem & { profiles: string };

export interface WorkloadView {
  anchor: string;
  label: string;
  kind: string;
  name: string;
  namespace?: string;
  ns: string;
  system: boolean;
  pods?: string;
  worst: Severity;
  profiles: string;
  severities: string;
  findings: number;
  problems: ProblemView[];
  /** Problems of this workload not shown (over PROBLEMS_PER_WORKLOAD). */
  hidden: number;
}

export interface NamespaceView {
  anchor: string;
  /** "shop", or "cluster scope". */
  label: string;
  ns: string;
  workloads: number;
  problems: number;
  findings: number;
  severities: Record<Severity, number>;
  shown: WorkloadView[];
  /** Workloads with findings in this namespace that the page does not show. */
  hiddenWorkloads: number;
}

export interface RiskView extends Risk {
  /** "12 objects (34 pods) in 4 namespaces, e.g. DaemonSet kube-system/calico-node". */
  reach: string;
}

export interface WaiverFindings {
  entry: string;
  findings: { control: string; resource: string; path?: string }[];
  hidden: number;
}

export interface HtmlView {
  /** Document title. */
  title: string;
  /** Per-namespace network isolation (reports/html/network.ejs), as the result carries it. */
  network?: ScanResult['network'];
  /** What was scanned, in a few words: the cluster name, the context, the inputs or the source type. */
  subject: string;
  finishedAt: string;
  finishedAtIso: string;
  facts: Fact[];
  score: {
    value: string;
    /** The scoring in one sentence. */
    explanation: string;
    /** Set when part of the scan could not be judged, so the score is read with the counts. */
    caveat?: string;
  };
  statuses: Count[];
  severities: Count[];
  totals: { controls: number; failingFindings: number; waivedFindings: number; attention: number };
  profiles: ProfileView[];
  sections: SectionView[];
  attention: ControlView[];
  notAssessed: NotAssessedGroup[];
  coverage: CoverageGapView[];
  /** Shown when no read failed; says what "no gap" means for this source. */
  coverageNote: string;
  exceptions: ExceptionsView;
  statusKeys: readonly ControlStatus[];
  statusLabels: Record<ControlStatus, string>;
  tool: string;
  /**
   * sha256 of the JSON report this document names (reports/html/digest.ts), and that report in
   * words; absent when no JSON report was written with it (the cover says so).
   */
  digest?: { sha256: string; of: string };
  /** The method statement: how the scan was made and what it can and cannot see. */
  method: string[];
  risks: RiskView[];
  charts: { sections: Chart; severities: Chart; namespaces: Chart; workloads: Chart };
  namespaces: NamespaceView[];
  /** Distinct problems behind the failing findings (one finding, one place). */
  problems: number;
  workloadsWithFindings: number;
  /** Shown in the per-workload view, and in all. */
  workloadsShown: number;
  waiverFindings: WaiverFindings[];
  /** What the Coverage link counts: failed reads and not-assessed controls. */
  coverageNav: string;
  /** Filter choices; the namespaces are read by the script from the namespace table. */
  filters: { statuses: { value: string; label: string }[]; severities: string[]; profiles: string[] };
  page: { css: string; pageCss: string; script: string; csp: string };
  chart: typeof CHART;
  findingsShown: number;
}

export function htmlView(result: ScanResult, jsonReport?: JsonDigest): HtmlView {
  const src = result.scan.source;
  const subject = result.scan.clusterName ?? src.context ?? (src.inputs?.length ? src.inputs.join(', ') : SOURCE_LABELS[src.type]);
  const finishedAt = utc(result.scan.finishedAt);
  const tool = `${result.tool.name} ${result.tool.version}`;

  const facts: Fact[] = [{ label: 'Source', value: SOURCE_LABELS[src.type] }];
  if (result.scan.clusterName !== undefined) facts.push({ label: 'Cluster', value: result.scan.clusterName });
  if (src.context !== undefined) facts.push({ label: 'Context', value: src.context });
  if (src.server !== undefined) facts.push({ label: 'API server', value: src.server });
  const identity = identityText(result);
  if (identity !== undefined) facts.push({ label: 'Scanned as', value: identity });
  if (src.inputs?.length) facts.push({ label: src.type === 'snapshot' ? 'Snapshot' : 'Inputs', value: src.inputs.join(', ') });
  // A scan limited to some namespaces must say so where the score is read.
  facts.push({ label: 'Namespaces', value: src.namespaces?.length ? `only ${src.namespaces.join(', ')}` : 'all' });
  if (src.excludedNamespaces?.length) facts.push({ label: 'Excluded namespaces', value: src.excludedNamespaces.join(', ') });
  const pss = pssVersionText(result);
  facts.push(
    { label: 'Kubernetes version', value: src.kubernetesVersion ?? 'not known' },
    { label: 'Platform', value: src.platform },
    { label: 'Profiles', value: result.profiles.join(', ') || 'none' },
    ...(pss !== undefined ? [{ label: 'Pod Security Standards version', value: pss }] : []),
    { label: 'Started', value: utc(result.scan.startedAt), datetime: result.scan.startedAt },
    { label: 'Finished', value: finishedAt, datetime: result.scan.finishedAt },
    { label: 'Duration', value: duration(result.scan.durationMs) },
    { label: 'Tool', value: `${tool} (report version ${result.reportVersion})` },
  );

  const index = indexProblems(result.controls);
  const shownWorkloads = allotWorkloads(index.namespaces, WORKLOAD_ROWS_SHOWN, PROBLEMS_PER_WORKLOAD);
  const shownAnchors = new Set([...shownWorkloads.values()].flat().map((w) => w.anchor));
  const views = result.controls.map((c) => controlView(c, sectionTitleOf(result, c), index, shownAnchors));
  const profiles = groupProfiles(result, views);

  const counts = result.summary.counts;
  const scored = counts.pass + counts.fail + counts.waived;
  const unscored = counts.manual + counts['not-applicable'] + counts['not-assessed'] + counts.error;
  const explanation =
    result.summary.score === null
      ? `No control could be scored: the score is the mean over pass, fail and waived controls, and this scan has none (${plural(unscored, 'control')} manual, not applicable, not assessed or in error are counted beside it).`
      : `The score is the mean of the compliance scores of the ${plural(scored, 'pass, fail and waived control', 'pass, fail and waived controls')}, each the share of the objects it judged that passed (a waived finding counts as passed); the ${plural(unscored, 'manual, not-applicable, not-assessed and error control', 'manual, not-applicable, not-assessed and error controls')} are left out of it and counted beside it.`;
  const blind = counts['not-assessed'] + counts.error;
  const caveat = blind
    ? `${plural(blind, 'control')} could not be judged (${[counts['not-assessed'] ? `${counts['not-assessed']} not assessed` : '', counts.error ? `${counts.error} in error` : ''].filter(Boolean).join(', ')}): read the score together with the counts.`
    : undefined;

  const notAssessed = new Map<string, NotAssessedGroup>();
  for (const c of views) {
    if (c.status !== 'not-assessed') continue;
    const reason = c.reason ?? 'no reason recorded';
    const group = notAssessed.get(reason) ?? { reason, controls: [] };
    group.controls.push({ anchor: c.anchor, label: `${c.profile} ${c.id}` });
    notAssessed.set(reason, group);
  }

  const ex = result.exceptions;
  const digest = jsonReport && {
    sha256: jsonReport.sha256,
    of: jsonReport.file === undefined ? 'the JSON report written with it to standard output' : `the JSON report ${jsonReport.file}`,
  };
  const failedReads = result.coverage.length;
  const namespaces = index.namespaces.map((n): NamespaceView => {
    const shown = (shownWorkloads.get(n.name) ?? []).map(workloadView);
    return {
      anchor: n.anchor,
      label: n.name || 'cluster scope',
      ns: nsToken(n.name),
      workloads: n.workloads.length,
      problems: n.problems,
      findings: n.findings,
      severities: n.severities,
      shown,
      hiddenWorkloads: n.workloads.length - shown.length,
    };
  });
  const sectionsFlat = profiles.flatMap((p) => p.sections);
  const assets = pageAssets();
  // Page headers of the printed document (cluster and date), as CSS strings: cluster text is escaped for CSS.
  const pageCss = `@page { @top-left { content: ${cssString(`kaudit audit report · ${subject}`)}; } @top-right { content: ${cssString(finishedAt)}; } }\n`;
  return {
    title: `kaudit report — ${subject} — ${finishedAt}`,
    network: result.network,
    subject,
    finishedAt,
    finishedAtIso: result.scan.finishedAt,
    facts,
    score: { value: result.summary.score === null ? 'n/a' : String(result.summary.score), explanation, caveat },
    statuses: CONTROL_STATUSES.map((s) => ({ key: s, label: STATUS_LABELS[s], count: counts[s], meaning: STATUS_MEANINGS[s] })),
    severities: SEVERITIES.map((s) => ({ key: s, label: s.charAt(0).toUpperCase() + s.slice(1), count: result.summary.severities[s] })),
    totals: {
      controls: result.controls.length,
      failingFindings: views.reduce((n, c) => n + c.failing, 0),
      waivedFindings: views.reduce((n, c) => n + c.waived, 0),
      attention: views.filter((c) => ATTENTION.includes(c.status)).length,
    },
    profiles,
    sections: profiles.flatMap((p) => p.sections),
    attention: views.filter((c) => ATTENTION.includes(c.status)),
    notAssessed: [...notAssessed.values()],
    coverage: result.coverage.map((g) => ({
      kind: g.kind,
      key: g.key,
      where: g.node !== undefined ? `node ${g.node}` : g.namespace !== undefined ? `namespace ${g.namespace}` : 'cluster scope',
      status: g.status === null ? 'no response' : `HTTP ${g.status}`,
      reason: g.reason,
    })),
    coverageNote: NO_GAP[src.type],
    exceptions: {
      any: ex.applied.length + ex.expired.length + ex.unused.length > 0,
      applied: ex.applied.map((e) => ({
        entry: entryName(e.entry),
        reason: e.reason,
        owner: e.owner ?? 'not given',
        expires: e.expires ?? 'no expiry',
        findings: e.findings,
      })),
      expired: ex.expired.map((e) => ({ entry: entryName(e.entry), reason: e.reason, owner: e.owner ?? 'not given', expires: e.expires })),
      unused: ex.unused.map((e) => ({ entry: entryName(e.entry), reason: e.reason, owner: e.owner ?? 'not given' })),
    },
    statusKeys: CONTROL_STATUSES,
    statusLabels: STATUS_LABELS,
    tool,
    digest,
    method: methodStatement(result, explanation),
    risks: topRisks(result.controls, TOP_RISKS, index).map((r) => ({ ...r, reach: reach(r) })),
    charts: {
      sections: statusBySection(
        sectionsFlat.map((s) => ({ label: `${s.profile} ${/^\d/.test(s.id) ? s.id : s.title}`, href: s.anchor, counts: s.counts })),
        STATUS_LABELS,
      ),
      severities: countChart(
        'Failing findings by severity',
        SEVERITIES.map((s) => ({ label: s, key: `sev-${s}`, count: result.summary.severities[s] })),
        'failing findings',
      ),
      namespaces: countChart(
        'Namespaces with the most failing findings',
        index.namespaces
          .slice(0, CHART_BARS)
          .map((n) => ({ label: n.name || 'cluster scope', href: `#${n.anchor}`, key: 'bar-fail', count: n.findings })),
        'failing findings',
      ),
      workloads: countChart(
        'Workloads with the most failing findings',
        [...index.workloads]
          .sort((a, b) => b.findings - a.findings || a.label.localeCompare(b.label))
          .slice(0, CHART_BARS)
          .map((w) => ({
            label: w.label,
            href: shownAnchors.has(w.anchor) ? `#${w.anchor}` : undefined,
            key: 'bar-fail',
            count: w.findings,
          })),
        'failing findings',
      ),
    },
    namespaces,
    problems: index.namespaces.reduce((n, ns) => n + ns.problems, 0),
    workloadsWithFindings: index.workloads.length,
    workloadsShown: shownAnchors.size,
    waiverFindings: waiverFindings(result.controls),
    coverageNav: `${plural(failedReads, 'failed read')}, ${counts['not-assessed']} not assessed`,
    filters: {
      statuses: CONTROL_STATUSES.filter((s) => counts[s]).map((s) => ({ value: s, label: STATUS_LABELS[s] })),
      severities: [...SEVERITIES],
      profiles: profiles.map((p) => p.id),
    },
    page: { css: assets.css, pageCss, script: assets.script, csp: contentSecurityPolicy([assets.css, pageCss], assets.script) },
    chart: CHART,
    findingsShown: FINDINGS_SHOWN,
  };
}

/** How the scan was made, what each status means and how it is scored: what an auditor files with the findings. */
function methodStatement(result: ScanResult, scoring: string): string[] {
  const src = result.scan.source;
  const how =
    src.type === 'live'
      ? 'kaudit read the cluster through its API with the credentials of the context named above: GET requests only (list and get), nothing was created, changed or deleted. Secret and ConfigMap values were never read into the report: secrets are listed as metadata only.'
      : src.type === 'snapshot'
        ? 'kaudit scanned a snapshot of the cluster taken earlier through its API (GET requests only, secret values never kept); nothing was read from the cluster for this report.'
        : 'kaudit scanned the manifests named above, offline: what they do not contain (static pods, kubelet configuration, live objects) could not be judged.';
  return [
    how,
    'Each control of each profile is judged from the objects it reads. Pod findings are reported on the workload that owns the pods, once, with the number of pods affected. A control whose data could not be read is not assessed, never passed; controls that need the node host (file permissions, process arguments) are not assessed by an API scan and are listed with their reason.',
    `Statuses: ${CONTROL_STATUSES.map((s) => `${STATUS_LABELS[s].toLowerCase()}: ${STATUS_MEANINGS[s]}`).join('; ')}.`,
    scoring,
  ];
}

function reach(r: Risk): string {
  const objects = plural(r.objects, 'object');
  const pods = r.pods ? ` (${plural(r.pods, 'pod')})` : '';
  const ns = r.namespaces ? ` in ${plural(r.namespaces, 'namespace')}` : '';
  return r.objects ? `${objects}${pods}${ns}, e.g. ${r.example}` : 'no object listed';
}

function workloadView(w: Workload): WorkloadView {
  const problems = w.problems
    .slice(0, PROBLEMS_PER_WORKLOAD)
    .map((p): ProblemView => ({ ...p, profiles: [...new Set(p.controls.map((c) => c.profile))].join(' ') }));
  return {
    anchor: w.anchor,
    label: w.label,
    kind: w.resource.kind,
    name: w.resource.name,
    namespace: w.resource.namespace,
    ns: nsToken(namespaceOf(w.resource)),
    system: w.system,
    pods: podsText(w.podCount),
    worst: w.worst,
    profiles: w.profiles.join(' '),
    severities: [...new Set(w.problems.map((p) => p.severity))].join(' '),
    findings: w.findings,
    problems,
    hidden: w.problems.length - problems.length,
  };
}

/** The findings each applied waiver covered (the first FINDINGS_SHOWN of each), by entry. */
function waiverFindings(controls: readonly ControlResult[]): WaiverFindings[] {
  const byEntry = new Map<number, WaiverFindings>();
  for (const c of controls) {
    for (const f of c.findings) {
      if (!f.waiver) continue;
      let w = byEntry.get(f.waiver.entry);
      if (!w) byEntry.set(f.waiver.entry, (w = { entry: entryName(f.waiver.entry), findings: [], hidden: 0 }));
      if (w.findings.length < FINDINGS_SHOWN)
        w.findings.push({ control: controlLabel(c.profile, c.id), resource: resourceName(f.resource), path: f.path });
      else w.hidden++;
    }
  }
  return [...byEntry.entries()].sort((a, b) => a[0] - b[0]).map(([, w]) => w);
}

/** A namespace as a filter token: "-" for cluster scope; whitespace (not in real names) cannot split a token. */
const nsToken = (namespace: string | undefined): string => (namespace ? namespace.replace(/\s/g, '_') : '-');

const podsText = (n: number | undefined): string | undefined => (n === undefined ? undefined : n === 0 ? 'no live pods' : plural(n, 'pod'));

function controlView(c: ControlResult, sectionTitle: string, index: ProblemIndex, shownAnchors: ReadonlySet<string>): ControlView {
  const self = anchor('c', c.profile, c.id);
  const findings = c.findings.slice(0, FINDINGS_SHOWN).map((f) => {
    const view = findingView(f);
    const problem = f.status === 'fail' ? index.byFinding(f) : undefined;
    if (problem) {
      view.also = problem.controls.filter((r) => r.anchor !== self);
      view.repeat = problem.controls[0]?.anchor !== self;
      if (shownAnchors.has(problem.workloadAnchor)) view.problemHref = `#${problem.anchor}`;
    }
    return view;
  });
  let printed = 0;
  for (const f of findings) if (!f.repeat && ++printed > FINDINGS_PRINTED) f.unprinted = true;
  let failing = 0;
  for (const f of c.findings) if (f.status === 'fail') failing++;
  const judged = c.objects.judged;
  const scored = c.score !== undefined;
  return {
    anchor: anchor('c', c.profile, c.id),
    attentionAnchor: ATTENTION.includes(c.status) ? anchor('a', c.profile, c.id) : undefined,
    profile: c.profile,
    id: c.id,
    title: c.title,
    section: c.section,
    sectionTitle,
    sectionLabel: sectionLabel(c.section, sectionTitle),
    type: c.type,
    status: c.status,
    statusLabel: STATUS_LABELS[c.status],
    severity: c.severity,
    reason: c.reason,
    guidance: c.guidance,
    checks: c.checks,
    judged,
    passed: c.objects.passed,
    objects: judged ? `${c.objects.passed} of ${judged} passed` : scored ? 'no object to judge' : '—',
    score: scored ? String(c.score) : '—',
    findings,
    hidden: c.findings.length - findings.length,
    failing,
    waived: c.findings.length - failing,
    label: controlLabel(c.profile, c.id),
    remediation: c.remediation ?? [],
    references: (c.references ?? []).map((r) => (/^https?:\/\//.test(r) ? { text: r, href: r } : { text: r })),
    ns: [...new Set(findings.map((f) => f.ns))].join(' '),
    repeats: findings.filter((f) => f.repeat).length,
    repeatsOf: [...new Set(findings.flatMap((f) => (f.repeat && f.also[0] ? [f.also[0].label] : [])))],
    unprinted: findings.filter((f) => f.unprinted).length + c.findings.length - findings.length,
    evidence: (c.evidence ?? []).map((e) => ({ ...evidenceText(e, EVIDENCE_SHOWN), status: e.status })),
  };
}

function findingView(f: Finding): FindingView {
  const r = f.resource;
  return {
    checkId: f.checkId,
    status: f.status,
    severity: f.severity,
    apiVersion: r.apiVersion,
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    resource: resourceName(f.resource),
    source: f.source && (f.source.line === undefined ? f.source.file : `${f.source.file}:${f.source.line}`),
    path: f.path,
    observed: f.observed,
    expected: f.expected,
    message: f.message,
    podCount: f.podCount,
    pods: podsText(f.podCount),
    system: f.system === true,
    ns: nsToken(namespaceOf(r)),
    also: [],
    repeat: false,
    waiver: f.waiver && {
      entry: entryName(f.waiver.entry),
      reason: f.waiver.reason,
      owner: f.waiver.owner ?? 'not given',
      expires: f.waiver.expires ?? 'no expiry',
    },
  };
}

/** Profiles in the order of result.profiles (then any other met in the controls), sections in order of appearance. */
function groupProfiles(result: ScanResult, controls: ControlView[]): ProfileView[] {
  const ids = [...new Set([...result.profiles, ...controls.map((c) => c.profile)])];
  return ids.map((id) => {
    const own = controls.filter((c) => c.profile === id);
    const sectionIds = [...new Set(own.map((c) => c.section))];
    const sections = sectionIds.map((sid): SectionView => {
      const inSection = own.filter((c) => c.section === sid);
      const summary = result.summary.sections.find((s) => s.profile === id && s.id === sid);
      const title = summary?.title ?? mustExist(inSection[0], `a control of section ${sid}`).sectionTitle;
      return {
        anchor: anchor('s', id, sid),
        profile: id,
        id: sid,
        title,
        label: sectionLabel(sid, title),
        score: scoreText(summary?.score ?? null),
        counts: summary?.counts ?? emptyCounts(),
        controls: inSection,
      };
    });
    const summary = result.summary.profiles.find((p) => p.id === id);
    return {
      anchor: anchor('p', id),
      id,
      score: scoreText(summary?.score ?? null),
      counts: summary?.counts ?? emptyCounts(),
      total: own.length,
      sections,
    };
  });
}

function sectionTitleOf(result: ScanResult, c: ControlResult): string {
  return result.summary.sections.find((s) => s.profile === c.profile && s.id === c.section)?.title ?? c.section;
}

/** Scores and counts come from the ScanResult's summary (the engine's scoring); this only fills a gap. */
const emptyCounts = (): StatusCounts => Object.fromEntries(CONTROL_STATUSES.map((s) => [s, 0])) as StatusCounts;

/** Numbered sections (CIS 5.1) keep their number; named ones (resources, baseline) show the title alone. */
const sectionLabel = (id: string, title: string): string => (/^\d/.test(id) ? `${id} ${title}` : title);

const scoreText = (score: number | null): string => (score === null ? 'n/a' : String(score));

const entryName = (index: number): string => `exceptions[${index}]`;

/** ISO time as `YYYY-MM-DD HH:MM:SS UTC`; a value that is not a time is shown as given. */
export function utc(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** 353 ms, 4.2 s, 3 min 12 s, 1 h 2 min. */
export function duration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const tenths = Math.round(ms / 100);
  if (tenths < 600) return `${tenths / 10} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

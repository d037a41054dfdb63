/**
 * Inventory + profiles + checks + exceptions -> ScanResult. Rolls per-check outcomes up into
 * per-control statuses, failing closed: a control whose data was not (fully) read is never pass.
 */
import type { ResourceRef } from '../core/check.js';
import { MANAGED_PLATFORMS, type Inventory, type ObjectSource } from '../core/inventory.js';
import type { Profile, ProfileControl, ProfileSection } from '../core/profile.js';
import {
  MAX_EVIDENCE_ITEMS,
  REPORT_VERSION,
  type ControlResult,
  type EvidenceEntry,
  type ExceptionReport,
  type Finding,
  type ScanResult,
} from '../core/result.js';
import { resourceByKind, type ResourceKey } from '../core/resources.js';
import { atLeast, type Severity } from '../core/severity.js';
import { emptyOutcome, evaluateCheck, TextPool, type AnyCheck, type CheckOutcome } from './evaluate.js';
import { entryMatches, isExpired, type ExceptionSet } from './exceptions.js';
import { controlScore, summarize } from './scoring.js';
import { withScanCaches } from '../core/scan-cache.js';

export interface ScanInput {
  inventory: Inventory;
  profiles: Profile[];
  /** Every registered check, by id. */
  registry: ReadonlyMap<string, AnyCheck>;
  /** Limits the run to these checks (--checks); controls without one of them are left out. */
  onlyChecks?: ReadonlySet<string>;
  skipChecks?: ReadonlySet<string>;
  minSeverity?: Severity;
  exceptions?: ExceptionSet;
  checkOptions?: Record<string, Record<string, unknown>>;
  /** Scan-wide settings (e.g. pssVersion from --pss-version), given to every check that declares an option of that name. */
  settings?: Record<string, unknown>;
  /** The Pod Security Standards policy version as asked (--pss-version, default latest) and the one evaluated, for the report. */
  pssVersion?: ScanResult['scan']['pssVersion'];
  startedAt: Date;
  now?: Date;
  toolVersion: string;
  /** --cluster-name: carried into the report as scan.clusterName. */
  clusterName?: string;
}

/** Judges the Inventory; the checks' memos (src/core/scan-cache.ts) are dropped when the scan ends. */
export function runScan(input: ScanInput): ScanResult {
  return withScanCaches(() => judge(input));
}

function judge(input: ScanInput): ScanResult {
  const { inventory: inv } = input;
  const now = input.now ?? new Date();
  const outcomes = new Map<string, CheckOutcome>();
  const texts = new TextPool();
  const outcomeOf = (id: string): CheckOutcome => {
    let o = outcomes.get(id);
    if (!o) {
      const check = input.registry.get(id);
      o = check
        ? evaluateCheck(check, inv, { ...settingsFor(check, input.settings), ...input.checkOptions?.[id] }, texts)
        : { ...emptyOutcome(id), error: `check ${id} is not registered` };
      // Sorted once per check (stable), unless the check ranks its subjects itself (meta.ordered).
      if (!check?.meta.ordered) sortOutcome(o);
      outcomes.set(id, o);
    }
    return o;
  };
  const exceptions = input.exceptions?.entries ?? [];
  const live = exceptions.filter((e) => !isExpired(e, now));
  const applied = new Map<number, number>();
  const { labelsOf, sourceOf } = objectLookup(inv);

  // The controls to judge, first: a check's raw findings are dropped once the last control using it
  // has copied them (at 150,000 pods they are hundreds of thousands of objects).
  const planned: {
    profile: Profile;
    section: ProfileSection;
    control: ProfileControl;
    severity: Severity;
    checks: string[];
    evidenceChecks: string[];
  }[] = [];
  const usesLeft = new Map<string, number>();
  for (const profile of input.profiles) {
    for (const section of profile.sections) {
      for (const control of section.controls) {
        const severity = effectiveSeverity(control, input.registry);
        if (input.minSeverity && !atLeast(severity, input.minSeverity)) continue;
        const checks = control.checks.filter((c) => !input.skipChecks?.has(c) && (!input.onlyChecks || input.onlyChecks.has(c)));
        const filtered = Boolean(input.onlyChecks || input.skipChecks?.size);
        if (filtered && control.checks.length && !checks.length) continue;
        if (input.onlyChecks && !control.checks.length) continue;
        // Evidence checks of a manual control (never with --checks) are read like its checks.
        const evidenceChecks = (control.evidence ?? []).filter((c) => !input.skipChecks?.has(c) && !input.onlyChecks);
        planned.push({ profile, section, control, severity, checks, evidenceChecks });
        for (const id of [...checks, ...evidenceChecks]) usesLeft.set(id, (usesLeft.get(id) ?? 0) + 1);
      }
    }
  }

  const controls: ControlResult[] = [];
  for (const { profile, section, control, severity, checks, evidenceChecks } of planned) {
    const { result, spans } = rollUp(profile, section, control, severity, checks, inv, outcomeOf, sourceOf);
    const evidence = evidenceChecks.map((id) => evidenceOf(outcomeOf(id), input.registry));
    if (evidence.length) result.evidence = evidence;
    for (const id of [...checks, ...evidenceChecks]) {
      const left = (usesLeft.get(id) ?? 1) - 1;
      usesLeft.set(id, left);
      const o = outcomes.get(id);
      if (left === 0 && o) {
        Object.assign(o, { findings: [], subjects: [], messageIds: [] });
        copiesOf.delete(o);
      }
    }
    result.findings.forEach((f, i) => {
      const entry = live.length ? live.find((e) => entryMatches(e, f, result, labelsOf)) : undefined;
      if (!entry) return;
      // Findings are shared between controls: a waived one is this control's own copy.
      const waiver = { reason: entry.reason, owner: entry.owner, expires: entry.expires, entry: entry.index };
      result.findings[i] = { ...f, status: 'waived', waiver };
      applied.set(entry.index, (applied.get(entry.index) ?? 0) + 1);
    });
    finishStatus(result, checks.map(outcomeOf), spans);
    if (result.status === 'fail') Object.assign(result, remediationOf(checks, input.registry));
    result.score = controlScore(result);
    controls.push(result);
  }

  const exceptionReport: ExceptionReport = {
    applied: exceptions
      .filter((e) => applied.has(e.index))
      .map((e) => ({ entry: e.index, reason: e.reason, owner: e.owner, expires: e.expires, findings: applied.get(e.index)! })),
    expired: exceptions
      .filter((e) => isExpired(e, now))
      .map((e) => ({ entry: e.index, reason: e.reason, owner: e.owner, expires: e.expires! })),
    unused: live.filter((e) => !applied.has(e.index)).map((e) => ({ entry: e.index, reason: e.reason, owner: e.owner })),
  };
  const finishedAt = new Date();
  return {
    reportVersion: REPORT_VERSION,
    tool: { name: 'kaudit', version: input.toolVersion },
    scan: {
      startedAt: input.startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - input.startedAt.getTime(),
      clusterName: input.clusterName,
      source: {
        type: inv.source.type,
        context: inv.source.context,
        server: inv.source.server,
        inputs: inv.source.inputs,
        kubernetesVersion: inv.version?.gitVersion,
        platform: inv.platform,
        namespaces: inv.source.namespaces,
        excludedNamespaces: inv.source.excludedNamespaces,
      },
      // Offline sources have no API identity; a live read that did not learn it says why.
      identity:
        inv.source.type === 'live'
          ? (inv.source.identity ?? { status: 'unknown', reason: 'the identity was not asked' })
          : { status: 'offline' },
      pssVersion: input.pssVersion,
    },
    profiles: input.profiles.map((p) => p.id),
    summary: summarize(controls, input.profiles),
    controls,
    coverage: inv.coverage,
    exceptions: exceptionReport,
  };
}

function settingsFor(check: AnyCheck, settings: Record<string, unknown> = {}): Record<string, unknown> {
  const declared = check.meta.options?.defaults ?? {};
  return Object.fromEntries(Object.entries(settings).filter(([k, v]) => k in declared && v !== undefined));
}

function effectiveSeverity(control: ProfileControl, registry: ReadonlyMap<string, AnyCheck>): Severity {
  if (control.severity) return control.severity;
  const fromChecks = control.checks.map((c) => registry.get(c)?.meta.severity).filter((s): s is Severity => s !== undefined);
  return fromChecks.sort((a, b) => (atLeast(a, b) ? -1 : 1))[0] ?? 'medium';
}

/** What to do about a failing control: its checks' remediation texts and references, each once. */
function remediationOf(checks: string[], registry: ReadonlyMap<string, AnyCheck>): Pick<ControlResult, 'remediation' | 'references'> {
  const metas = checks.map((c) => registry.get(c)?.meta).filter((m) => m !== undefined);
  const remediation = [...new Set(metas.map((m) => m.remediation.trim()).filter(Boolean))];
  const references = [...new Set(metas.flatMap((m) => m.references ?? []))];
  return { ...(remediation.length ? { remediation } : {}), ...(references.length ? { references } : {}) };
}

/**
 * What an evidence check saw: its own verdict as a control of its own would get it (error, fail on
 * findings, not-assessed on unread data, its unjudgeable status, else pass), its first findings as items.
 */
function evidenceOf(o: CheckOutcome, registry: ReadonlyMap<string, AnyCheck>): EvidenceEntry {
  const entry: EvidenceEntry = { checkId: o.checkId, title: registry.get(o.checkId)?.meta.title ?? o.checkId, status: 'pass', items: [] };
  if (o.error) return { ...entry, status: 'error', reason: o.error };
  entry.items = o.findings
    .slice(0, MAX_EVIDENCE_ITEMS)
    .map((f) => ({ resource: f.resource, path: f.path, message: f.message, observed: f.observed }));
  if (o.findings.length > MAX_EVIDENCE_ITEMS) entry.more = o.findings.length - MAX_EVIDENCE_ITEMS;
  if (o.findings.length) {
    entry.status = 'fail';
    const unread = [...o.gaps, ...(o.nodeGaps ?? [])];
    if (unread.length) entry.reason = `partial: some data could not be read (${unread.join('; ')})`;
  } else if (o.gaps.length) {
    entry.status = 'not-assessed';
    entry.reason = `data could not be read: ${o.gaps.join('; ')}`;
  } else if (o.unjudgeable) {
    entry.status = o.unjudgeable.status;
    entry.reason = o.unjudgeable.reason;
  } else if (o.caveat) entry.reason = o.caveat;
  return entry;
}

/**
 * Where a check's findings sit in a control's list: from `start`, each finding `copies` times in a
 * row (a check listed twice in a control). The judged subject of the finding at `start + k` is
 * `outcome.subjects[floor(k / copies)]`; a waiver replaces a finding in place, so positions hold.
 */
interface FindingSpan {
  checkId: string;
  /** The outcome's own arrays, held here: the outcome lets go of them once its last control is rolled up. */
  subjects: readonly number[];
  judged: number;
  start: number;
  copies: number;
}

/** A check's findings at another severity than its own, made once per scan and shared by the controls of that severity. */
type Copies = Map<Severity, Finding[]>;
const copiesOf = new WeakMap<CheckOutcome, Copies>();

/**
 * The findings a control of `severity` lists for a check: the check's own objects when the severities
 * agree, else copies at that severity. Findings are never mutated once made (a waiver makes the
 * control its own copy), so controls share them: the result holds one object per finding and
 * severity, not one per finding and control.
 */
function findingsAt(o: CheckOutcome, severity: Severity, sourceOf: (r: ResourceRef) => ObjectSource | undefined): Finding[] {
  const withSource = (f: Finding): Finding => {
    // source: the object's own record (manifests), shared by every finding on it; set once, last, as JSON writes it.
    if (f.source === undefined) {
      const source = sourceOf(f.resource);
      if (source !== undefined) f.source = source;
    }
    return f;
  };
  const own = o.findings;
  if (!own.length || own[0]?.severity === severity) {
    own.forEach(withSource);
    return own;
  }
  let copies = copiesOf.get(o);
  if (!copies) copiesOf.set(o, (copies = new Map<Severity, Finding[]>()));
  let list = copies.get(severity);
  if (!list) copies.set(severity, (list = own.map((f) => ({ ...withSource(f), severity }))));
  return list;
}

function rollUp(
  profile: Profile,
  section: ProfileSection,
  control: ProfileControl,
  severity: Severity,
  checks: string[],
  inv: Inventory,
  outcomeOf: (id: string) => CheckOutcome,
  sourceOf: (r: ResourceRef) => ObjectSource | undefined,
): { result: ControlResult; spans: FindingSpan[] } {
  const spans: FindingSpan[] = [];
  const result: ControlResult = {
    profile: profile.id,
    id: control.id,
    title: control.title,
    section: section.id,
    type: control.type,
    severity,
    status: 'pass',
    guidance: control.guidance,
    checks,
    objects: { judged: 0, passed: 0 },
    findings: [],
  };
  const scope = control.scope ?? section.scope ?? 'cluster';
  // Managed only when no static pod is visible: a visible control plane is judged, whatever the labels say.
  if (scope === 'control-plane' && MANAGED_PLATFORMS.includes(inv.platform) && inv.controlPlane.length === 0) {
    return {
      result: {
        ...result,
        status: 'not-applicable',
        reason: `the control plane is managed by the provider (${inv.platform.toUpperCase()}); use the provider's attestation or its CIS benchmark`,
      },
      spans,
    };
  }
  if (!checks.length) {
    if (control.type === 'manual')
      return {
        result: {
          ...result,
          status: 'manual',
          reason: control.evidence?.length
            ? 'needs a human review; see the guidance and the evidence'
            : 'needs a human review; see the guidance',
        },
        spans,
      };
    const reason =
      control.notAssessedReason ??
      (scope === 'node-host'
        ? 'needs file modes or process arguments from the node host (node agent), which were not collected'
        : 'no automated check for this control yet');
    return { result: { ...result, status: 'not-assessed', reason }, spans };
  }
  // Each check's findings are already sorted (outcomeOf) and compareFindings orders by check id
  // first: taking the checks in that order gives the sorted list without sorting it again. A check
  // listed twice gives each finding twice in a row, as a stable sort of both copies would.
  const times = new Map<string, number>();
  for (const id of checks) times.set(id, (times.get(id) ?? 0) + 1);
  for (const id of [...times.keys()].sort(collate)) {
    const o = outcomeOf(id);
    const copies = times.get(id) ?? 1;
    const findings = findingsAt(o, severity, sourceOf);
    spans.push({ checkId: id, subjects: o.subjects, judged: o.judged, start: result.findings.length, copies });
    if (!result.findings.length && copies === 1) result.findings = findings.slice();
    else for (const finding of findings) for (let i = 0; i < copies; i++) result.findings.push(finding);
  }
  return { result, spans };
}

/** Status from the outcomes once waivers are applied. */
function finishStatus(result: ControlResult, outcomes: CheckOutcome[], spans: FindingSpan[]): void {
  if (result.status !== 'pass') return;
  const errors = outcomes.filter((o) => o.error);
  if (errors.length) {
    result.status = 'error';
    result.reason = errors.map((o) => o.error).join('; ');
    result.findings = [];
    return;
  }
  let judged = 0;
  let failedSubjects = 0;
  for (const o of outcomes) {
    judged += o.judged;
    const span = spans.find((s) => s.checkId === o.checkId);
    if (span) failedSubjects += failedSubjectsOf(result.findings, span);
  }
  result.objects = { judged, passed: judged - failedSubjects };
  const gaps = outcomes.flatMap((o) => o.gaps);
  const failing = result.findings.some((f) => f.status === 'fail');
  if (failing) {
    result.status = 'fail';
    const unread = [...gaps, ...outcomes.flatMap((o) => o.nodeGaps ?? [])];
    if (unread.length) result.reason = `partial: some data could not be read (${unread.join('; ')})`;
    return;
  }
  if (gaps.length) {
    result.status = 'not-assessed';
    result.reason = `data could not be read: ${gaps.join('; ')}`;
    return;
  }
  const unjudgeable = outcomes.filter((o) => o.unjudgeable).map((o) => o.unjudgeable!);
  const notAssessed = unjudgeable.find((u) => u.status === 'not-assessed');
  const manual = unjudgeable.find((u) => u.status === 'manual');
  if (notAssessed) {
    result.status = 'not-assessed';
    result.reason = notAssessed.reason;
  } else if (manual) {
    result.status = 'manual';
    result.reason = manual.reason;
  } else if (unjudgeable.length && unjudgeable.length === outcomes.length) {
    result.status = 'not-applicable';
    result.reason = unjudgeable[0]?.reason;
  } else if (result.findings.length) {
    result.status = 'waived';
    result.reason = 'every finding is covered by an exception';
  } else {
    // A pass says what its checks did not verify (meta.caveat), each text once, in the order the control lists them.
    const caveats = [...new Set(outcomes.map((o) => o.caveat).filter((c) => c !== undefined))];
    if (caveats.length) result.reason = caveats.join('; ');
  }
}

/** How many judged subjects still have a failing (not waived) finding of the span's check. */
function failedSubjectsOf(findings: readonly Finding[], { subjects, judged, start, copies }: FindingSpan): number {
  const own = subjects.length;
  if (!own) return 0;
  // Subject indices are below judged: a byte per subject instead of a set entry per finding.
  const failed = new Uint8Array(judged);
  let count = 0;
  for (let k = 0; k < own * copies; k++) {
    if (findings[start + k]?.status !== 'fail') continue;
    const subject = subjects[Math.floor(k / copies)]!;
    if (failed[subject]) continue;
    failed[subject] = 1;
    count++;
  }
  return count;
}

// Exactly String.prototype.localeCompare with no arguments, without building a collator per call.
const collator = new Intl.Collator().compare;
// Equal strings collate as equal: most keys of two neighbouring findings are (same check, kind,
// namespace), and the identity test spares the collator.
const collate = (a: string, b: string): number => (a === b ? 0 : collator(a, b));

/** Sorts a check's findings (stable) and keeps their subjects and message ids beside them. */
function sortOutcome(o: CheckOutcome): void {
  const { findings } = o;
  if (findings.length < 2) return;
  // The order of compareFindings (a check's findings share their check id), with fewer collations:
  // each distinct object is placed among the others once, and its rank stands for kind, namespace
  // and name; path and message are collated only between findings of one object.
  const rankOf = new Map<ResourceRef, number>();
  for (const f of findings) rankOf.set(f.resource, 0);
  const objects = [...rankOf.keys()].sort(compareResources);
  let rank = 0;
  objects.forEach((r, i) => {
    if (i > 0 && compareResources(objects[i - 1]!, r) !== 0) rank++;
    rankOf.set(r, rank);
  });
  const ranks = Int32Array.from(findings, (f) => rankOf.get(f.resource)!);
  const order = findings.map((_, i) => i);
  order.sort(
    (a, b) =>
      ranks[a]! - ranks[b]! ||
      collate(findings[a]!.path ?? '', findings[b]!.path ?? '') ||
      collate(findings[a]!.message, findings[b]!.message) ||
      a - b,
  );
  if (order.every((at, i) => at === i)) return;
  o.findings = order.map((i) => o.findings[i]!);
  o.subjects = order.map((i) => o.subjects[i]!);
  o.messageIds = order.map((i) => o.messageIds[i]!);
}

const compareResources = (a: ResourceRef, b: ResourceRef): number =>
  collate(a.kind, b.kind) || collate(a.namespace ?? '', b.namespace ?? '') || collate(a.name, b.name);

export function compareFindings(
  a: Pick<Finding, 'checkId' | 'resource' | 'path' | 'message'>,
  b: Pick<Finding, 'checkId' | 'resource' | 'path' | 'message'>,
): number {
  return (
    collate(a.checkId, b.checkId) ||
    compareResources(a.resource, b.resource) ||
    collate(a.path ?? '', b.path ?? '') ||
    collate(a.message, b.message)
  );
}

/**
 * A finding's object in the Inventory: its labels (exception selectors) and, for manifests, where it
 * was read (file and line). One index per kind, built when first asked.
 */
function objectLookup(inv: Inventory): {
  labelsOf: (r: ResourceRef) => Record<string, string> | undefined;
  sourceOf: (r: ResourceRef) => ObjectSource | undefined;
} {
  const indexes = new Map<string, Map<string, number>>();
  const keyOf = (namespace: string | undefined, name: string): string => `${namespace ?? ''}/${name}`;
  const find = (r: ResourceRef): { key: ResourceKey; at: number } | undefined => {
    const type = resourceByKind(r.kind, r.apiVersion || undefined);
    if (!type) return undefined;
    let index = indexes.get(type.key);
    if (!index) {
      index = new Map();
      // The first object of a name wins, as a linear search would find it.
      inv[type.key].forEach((o, i) => {
        const key = keyOf(o.metadata.namespace, o.metadata.name);
        if (!index!.has(key)) index!.set(key, i);
      });
      indexes.set(type.key, index);
    }
    const at = index.get(keyOf(r.namespace, r.name));
    return at === undefined ? undefined : { key: type.key, at };
  };
  return {
    labelsOf: (r) => {
      const found = find(r);
      return found && inv[found.key][found.at]?.metadata.labels;
    },
    sourceOf: (r) => {
      if (!inv.sources) return undefined;
      const found = find(r);
      return found && inv.sources[found.key]?.[found.at];
    },
  };
}

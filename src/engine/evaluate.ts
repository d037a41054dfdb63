/**
 * Runs checks over an Inventory. Each check runs once per scan, whatever number of controls use it;
 * a check that throws yields an error outcome and the scan goes on.
 */
import {
  formatMessage,
  isUnjudgeable,
  outsideScanScope,
  refOf,
  type AnyCheck,
  type Report,
  type ResourceRef,
  type Unjudgeable,
} from '../core/check.js';
import type { CoverageEntry, Inventory, InventoryKey } from '../core/inventory.js';
import type { Finding } from '../core/result.js';
import { isSystemNamespace } from '../core/inventory.js';

/**
 * A check's finding as it is reported: already the report's Finding (status fail, the check's
 * severity), so a control of that severity keeps this very object instead of a copy.
 */
export type RawFinding = Finding;

export interface CheckOutcome {
  checkId: string;
  judged: number;
  findings: RawFinding[];
  /**
   * Per finding, at the same index: the subject's index in the check's selection (an object fails
   * once, however many findings it has) and the message id it was reported with. Kept beside the
   * findings, not in them, since findings are written to reports as they are.
   */
  subjects: number[];
  messageIds: string[];
  unjudgeable?: Unjudgeable;
  /** Data the check requires that was not (fully) read: the reason it cannot pass. */
  gaps: string[];
  /**
   * Failed reads on single nodes the check weighed itself (meta.coverageByNode): not gaps, but a
   * failing control says its data was partial.
   */
  nodeGaps?: string[];
  error?: string;
  /** What a pass does not verify (meta.caveat), asked once the check ran: the reason of a passing control. */
  caveat?: string;
}

export type { AnyCheck };

/**
 * Finding texts repeat (the same path, observed and expected value in thousands of workloads, the
 * same message for many objects): one copy of each per scan. Hashing every message costs about 5% of
 * evaluation; keeping the copies would cost about 25 MiB more at the peak at 150,000 pods, where
 * memory, not time, is the line to hold.
 */
export class TextPool {
  private readonly texts = new Map<string, string>();
  get<T extends string | undefined>(text: T): T {
    if (text === undefined) return text;
    const known = this.texts.get(text);
    if (known !== undefined) return known as T;
    this.texts.set(text, text);
    return text;
  }
}

export function evaluateCheck(
  check: AnyCheck,
  inv: Inventory,
  optionOverrides: Record<string, unknown> = {},
  texts: TextPool = new TextPool(),
): CheckOutcome {
  const { id, severity } = check.meta;
  // Data that lives in namespaces the scan left out was not read because of the scope, not lost:
  // say so, rather than judge the part that is in scope or blame a failed read.
  const outside = outsideScanScope(check.meta, inv.source);
  if (outside) return { ...emptyOutcome(id), unjudgeable: { status: 'not-assessed', reason: outside } };
  const byNode = check.meta.coverageByNode ?? [];
  const outcome: CheckOutcome = { ...emptyOutcome(id), gaps: coverageGaps(check.meta.requires, inv, byNode) };
  const nodeGaps = inv.coverage.filter((c) => c.node !== undefined && byNode.includes(c.key)).map(gapText);
  if (nodeGaps.length) outcome.nodeGaps = nodeGaps;
  const options = { ...(check.meta.options?.defaults ?? {}), ...optionOverrides };
  const absenceGaps = coverageGaps(check.meta.judgesAbsence ?? [], inv);
  if (absenceGaps.length) {
    outcome.unjudgeable = {
      status: 'not-assessed',
      reason: `judges missing objects, and this data could not be fully read: ${absenceGaps.join('; ')}`,
    };
    return outcome;
  }
  try {
    const selection = check.select(inv, options);
    if (isUnjudgeable(selection)) {
      outcome.unjudgeable = selection;
      return outcome;
    }
    // One context for the whole selection (evaluate reports synchronously): the subject being judged
    // is state, and its reference is built on its first finding (most subjects report nothing).
    let index = 0;
    let current = 0;
    let subject: unknown;
    let subjectRef: ResourceRef | undefined | null = null;
    const ctx = {
      options,
      inventory: inv,
      report(r: Report<string>) {
        const template = check.meta.messages[r.messageId];
        if (template === undefined) throw new Error(`reported unknown message id "${r.messageId}"`);
        if (subjectRef === null) subjectRef = check.resourceOf?.(subject) ?? refOf(subject);
        const resource = r.resource ?? subjectRef;
        if (!resource) throw new Error('reported a finding without a resource (add resourceOf to the check)');
        const subjectPods = (subject as { podCount?: unknown }).podCount;
        const podCount = r.podCount ?? (typeof subjectPods === 'number' ? subjectPods : undefined);
        // Only the optional fields that are set, in the order the report writes them: an absent
        // field costs no slot (463,000 findings at 150,000 pods).
        const finding = { checkId: id, status: 'fail', severity, resource } as Finding;
        if (r.path !== undefined) finding.path = texts.get(r.path);
        finding.message = texts.get(formatMessage(template, r.data));
        if (r.observed !== undefined) finding.observed = texts.get(r.observed);
        if (r.expected !== undefined) finding.expected = texts.get(r.expected);
        if (podCount !== undefined) finding.podCount = podCount;
        if (isSystemNamespace(resource.namespace)) finding.system = true;
        outcome.findings.push(finding);
        outcome.subjects.push(current);
        outcome.messageIds.push(r.messageId);
      },
    };
    for (const s of selection) {
      current = index++;
      subject = s;
      subjectRef = null;
      check.evaluate(s, ctx);
    }
    outcome.judged = index;
    const caveat = check.meta.caveat?.(inv);
    if (caveat) outcome.caveat = caveat;
  } catch (err) {
    outcome.error = `check ${id} failed: ${err instanceof Error ? err.message : String(err)}`;
    Object.assign(outcome, { findings: [], subjects: [], messageIds: [] });
  }
  return outcome;
}

export const emptyOutcome = (checkId: string): CheckOutcome => ({
  checkId,
  judged: 0,
  findings: [],
  subjects: [],
  messageIds: [],
  gaps: [],
});

/** A failed read as a gap: `pods in namespace shop: 403 Forbidden ...`. */
function gapText(c: CoverageEntry): string {
  const where = c.namespace ? ` in namespace ${c.namespace}` : c.node ? ` on node ${c.node}` : '';
  return `${c.key}${where}: ${c.status ?? 'no response'} ${c.reason}`;
}

/**
 * Keys that were never collected, or whose reads failed somewhere; `byNode`: keys whose failures on
 * one node the check weighs itself (meta.coverageByNode), left out.
 */
export function coverageGaps(keys: readonly InventoryKey[], inv: Inventory, byNode: readonly InventoryKey[] = []): string[] {
  const gaps: string[] = [];
  for (const key of keys) {
    if (!inv.collected.includes(key)) gaps.push(`${key} not collected`);
    for (const c of inv.coverage) {
      if (c.key !== key || (c.node !== undefined && byNode.includes(key))) continue;
      gaps.push(gapText(c));
    }
  }
  return gaps;
}

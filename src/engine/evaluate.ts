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
import { isSystemNamespace } from '../core/inventory.js';

export interface RawFinding {
  checkId: string;
  messageId: string;
  /** Index of the subject in the check's selection: an object fails once, however many findings it has. */
  subject: number;
  resource: ResourceRef;
  path?: string;
  message: string;
  observed?: string;
  expected?: string;
  podCount?: number;
  system?: boolean;
}

export interface CheckOutcome {
  checkId: string;
  judged: number;
  findings: RawFinding[];
  unjudgeable?: Unjudgeable;
  /** Data the check requires that was not (fully) read: the reason it cannot pass. */
  gaps: string[];
  /**
   * Failed reads on single nodes the check weighed itself (meta.coverageByNode): not gaps, but a
   * failing control says its data was partial.
   */
  nodeGaps?: string[];
  error?: string;
}

export type { AnyCheck };

/**
 * Finding texts repeat (the same path, observed and expected value in thousands of workloads, the
 * same message in every control a check serves): one copy of each per scan.
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
  const { id } = check.meta;
  // Data that lives in namespaces the scan left out was not read because of the scope, not lost:
  // say so, rather than judge the part that is in scope or blame a failed read.
  const outside = outsideScanScope(check.meta, inv.source);
  if (outside) return { checkId: id, judged: 0, findings: [], gaps: [], unjudgeable: { status: 'not-assessed', reason: outside } };
  const byNode = check.meta.coverageByNode ?? [];
  const outcome: CheckOutcome = { checkId: id, judged: 0, findings: [], gaps: coverageGaps(check.meta.requires, inv, byNode) };
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
        outcome.findings.push({
          checkId: id,
          messageId: r.messageId,
          subject: current,
          resource,
          path: texts.get(r.path),
          message: texts.get(formatMessage(template, r.data)),
          observed: texts.get(r.observed),
          expected: texts.get(r.expected),
          podCount: r.podCount ?? (typeof subjectPods === 'number' ? subjectPods : undefined),
          system: isSystemNamespace(resource.namespace) || undefined,
        });
      },
    };
    for (const s of selection) {
      current = index++;
      subject = s;
      subjectRef = null;
      check.evaluate(s, ctx);
    }
    outcome.judged = index;
  } catch (err) {
    outcome.error = `check ${id} failed: ${err instanceof Error ? err.message : String(err)}`;
    outcome.findings = [];
  }
  return outcome;
}

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

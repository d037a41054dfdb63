/**
 * CheckTester: a check's pass and fail cases, in the manner of ESLint's RuleTester. Cases are
 * manifests (YAML under test/fixtures/<check-id>/ or inline), turned into an Inventory the way
 * `--manifests` does. It asserts the exact findings of each fail case, no finding on pass cases,
 * that every message id is exercised by a fail case, and that the check reads only the Inventory
 * keys it declares in `requires` (otherwise it passes here and sees nothing on a live cluster).
 */
import { deepStrictEqual, fail as assertFail } from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyCheck } from '../core/check.js';
import { INVENTORY_KEYS, type Inventory, type InventoryKey } from '../core/inventory.js';
import { packageRoot } from '../io/package-root.js';
import { inventoryFromManifests } from '../offline/manifests.js';
import { evaluateCheck, type RawFinding } from '../engine/evaluate.js';

export interface CheckCase {
  /** Shown as the test name; defaults to the fixture file name. */
  name?: string;
  /** File under test/fixtures/<check-id>/. */
  fixture?: string;
  /** Inline manifests (YAML). */
  yaml?: string;
  /** Changes applied to the Inventory after loading (platform, coverage, kubelets...). */
  inventory?: (inv: Inventory) => void;
  options?: Record<string, unknown>;
}

/** An expected finding: `resource` is Kind/namespace/name (Kind/name when cluster-scoped). */
export interface ExpectedFinding {
  messageId: string;
  resource: string;
  path?: string;
  message?: string;
  observed?: string;
  expected?: string;
  podCount?: number;
}

export interface FailCase extends CheckCase {
  findings: ExpectedFinding[];
}

export interface NotJudgedCase extends CheckCase {
  status: 'not-applicable' | 'not-assessed' | 'manual';
  /** The reason, exactly (it carries the evidence of manual results). */
  reason?: string;
}

export interface CheckSpec {
  pass: (CheckCase | string)[];
  fail: FailCase[];
  /** Cases where the check cannot judge (e.g. managed control plane): the selection's status. */
  unjudgeable?: NotJudgedCase[];
}

type It = (name: string, fn: () => void) => void;

export class CheckTester {
  constructor(private readonly check: AnyCheck) {}

  /** Registers one test per case, plus the message-coverage test, with the test runner's `it`. */
  register(spec: CheckSpec, it: It): void {
    const id = this.check.meta.id;
    for (const raw of spec.pass) {
      const c = typeof raw === 'string' ? { fixture: raw } : raw;
      it(`${id} passes: ${caseName(c)}`, () => this.expectFindings(c, []));
    }
    for (const c of spec.fail) it(`${id} fails: ${caseName(c)}`, () => this.expectFindings(c, c.findings));
    for (const c of spec.unjudgeable ?? []) it(`${id} is ${c.status}: ${caseName(c)}`, () => this.expectUnjudgeable(c));
    it(`${id}: every message id is exercised by a fail case`, () => {
      const used = new Set(spec.fail.flatMap((c) => c.findings.map((f) => f.messageId)));
      const unused = Object.keys(this.check.meta.messages).filter((m) => !used.has(m));
      deepStrictEqual(unused, [], `message ids without a fail case: ${unused.join(', ')}`);
      if (!spec.pass.length || !spec.fail.length) assertFail(`${id} needs at least one pass and one fail case`);
    });
  }

  /** Runs a case: the findings, with undeclared Inventory reads turned into an assertion failure. */
  run(c: CheckCase): { findings: RawFinding[]; outcome: ReturnType<typeof evaluateCheck> } {
    const inv = this.inventoryFor(c);
    const read = new Set<InventoryKey>();
    const watched = new Proxy(inv, {
      get(target, key, receiver) {
        if (typeof key === 'string' && (INVENTORY_KEYS as readonly string[]).includes(key)) read.add(key as InventoryKey);
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const outcome = evaluateCheck(this.check, watched, c.options);
    if (outcome.error) assertFail(outcome.error);
    const undeclared = [...read].filter((k) => !this.check.meta.requires.includes(k) && !this.check.meta.supplements?.includes(k));
    if (undeclared.length)
      assertFail(`${this.check.meta.id} reads Inventory keys it does not declare in requires: ${undeclared.join(', ')}`);
    return { findings: outcome.findings, outcome };
  }

  private expectFindings(c: CheckCase, expected: ExpectedFinding[]): void {
    const { findings, outcome } = this.run(c);
    if (outcome.unjudgeable)
      assertFail(`${caseName(c)}: the check could not judge: ${outcome.unjudgeable.status} (${outcome.unjudgeable.reason})`);
    const actual = findings.map((f, i) => {
      const messageId = outcome.messageIds[i] ?? '';
      const e: ExpectedFinding = { messageId, resource: refString(f.resource) };
      const want = expected.find((x) => x.resource === e.resource && x.path === f.path && x.messageId === messageId);
      if (f.path !== undefined) e.path = f.path;
      // Only assert the optional fields the case spells out, so cases stay readable.
      if (want?.message !== undefined) e.message = f.message;
      if (want?.observed !== undefined) e.observed = f.observed;
      if (want?.expected !== undefined) e.expected = f.expected;
      if (want?.podCount !== undefined) e.podCount = f.podCount;
      return e;
    });
    deepStrictEqual(sortFindings(actual), sortFindings(expected), `${this.check.meta.id} on ${caseName(c)}`);
  }

  private expectUnjudgeable(c: NotJudgedCase): void {
    const { outcome } = this.run(c);
    deepStrictEqual(outcome.unjudgeable?.status, c.status, `${caseName(c)}: expected ${c.status}`);
    if (c.reason !== undefined) deepStrictEqual(outcome.unjudgeable?.reason, c.reason);
    deepStrictEqual(outcome.findings, []);
  }

  private inventoryFor(c: CheckCase): Inventory {
    let text = c.yaml ?? '';
    if (c.fixture) text = readFileSync(join(packageRoot(), 'test', 'fixtures', this.check.meta.id, c.fixture), 'utf8');
    const { inventory } = inventoryFromManifests([{ name: c.fixture ?? 'inline', text }]);
    c.inventory?.(inventory);
    return inventory;
  }
}

const caseName = (c: CheckCase): string => c.name ?? c.fixture ?? 'inline case';
export const refString = (r: { kind: string; namespace?: string; name: string }): string =>
  r.namespace ? `${r.kind}/${r.namespace}/${r.name}` : `${r.kind}/${r.name}`;
const sortFindings = (fs: ExpectedFinding[]): ExpectedFinding[] =>
  [...fs].sort((a, b) => `${a.resource} ${a.path ?? ''} ${a.messageId}`.localeCompare(`${b.resource} ${b.path ?? ''} ${b.messageId}`));

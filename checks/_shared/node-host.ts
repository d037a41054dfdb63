/**
 * Checks over node reports (what the node agent, `kaudit node`, saw on each host): file modes and
 * owners (CIS 1.1.x, 4.1.x), the encryption providers (1.2.28), the etcd CA (2.7), the audit policy
 * (3.2.2) and the kubelet's command line (4.2.7). Findings are reported on the Node; `path` is the
 * file's path on the node host (for flags, the process's /proc/<pid>/cmdline).
 *
 * Which nodes are judged: a control-plane control on the nodes whose report has the control-plane
 * role, and on Nodes labelled as control plane; a worker control on every node (Node objects and
 * reports). Fail closed: a node without a report, or a report that could not read what a control
 * needs, keeps the control from passing (not-assessed, naming the node and the reason), unless
 * another node already fails it. On managed platforms the control-plane controls are not-applicable.
 */
import {
  defineCheck,
  notApplicable,
  notAssessed,
  type Check,
  type CheckContext,
  type CheckMeta,
  type ResourceRef,
  type Unjudgeable,
} from '../../src/core/check.js';
import { MANAGED_PLATFORMS, type Inventory } from '../../src/core/inventory.js';
import type { NodeComponent, NodeReport } from '../../src/core/node-report.js';

export type NodeScope = 'control-plane' | 'worker';

const CONTROL_PLANE_LABELS = ['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master'];

/** What one report gives a check: subjects to judge, and reasons some of it cannot be judged. */
export interface NodeSubjects<T> {
  subjects: T[];
  unjudgeable: string[];
}

export interface NodeHostCheckSpec<T extends NodeSubject, M extends string> {
  meta: Omit<CheckMeta<M>, 'requires'>;
  scope: NodeScope;
  /** The subjects of one node's report (and what of it cannot be judged). */
  subjectsOf(report: NodeReport): NodeSubjects<T>;
  /** Why nothing was judged when every node was read and none had anything to judge. */
  noSubjects: string;
  evaluate(subject: T, ctx: CheckContext<M>): void;
}

/** Every subject is on a node: findings are reported on it. */
export interface NodeSubject {
  node: string;
}

const NO_REPORTS =
  'no node report: run the node agent (`kaudit node`, see docs/node-agent.md) and pass its reports with --node-report, or deploy its DaemonSet';

/** How many nodes a reason names before it counts the rest. */
const FIRST_NODES = 5;

/** Node reasons, the first few in full and the rest counted ("… and 12 more nodes"). */
export function firstNodes(reasons: string[]): string {
  const shown = reasons.slice(0, FIRST_NODES).join('; ');
  return reasons.length > FIRST_NODES ? `${shown}; … and ${reasons.length - FIRST_NODES} more` : shown;
}

/**
 * The reports that count for this scope, and why other nodes in it have none: a Node without a
 * report, or a node whose report could not be read (a coverage entry of key nodeReports naming it:
 * a missing, stale or malformed agent log). A control-plane control trusts the Nodes' control-plane
 * labels; when no Node carries one, a node whose report was not read may be a control plane too.
 */
function nodesInScope(inv: Inventory, scope: NodeScope): { reports: NodeReport[]; missing: string[] } | Unjudgeable {
  const reports = scope === 'control-plane' ? inv.nodeReports.filter((r) => r.roles.includes('control-plane')) : inv.nodeReports;
  if (scope === 'control-plane' && MANAGED_PLATFORMS.includes(inv.platform) && !reports.length)
    return notApplicable(`the control plane is managed by the provider (${inv.platform.toUpperCase()}): its hosts are not visible`);
  const reported = new Set(inv.nodeReports.map((r) => r.node));
  const labelled = inv.nodes
    .filter((n) => CONTROL_PLANE_LABELS.some((l) => n.metadata.labels?.[l] !== undefined))
    .map((n) => n.metadata.name);
  const inScope = (node: string): boolean =>
    scope === 'worker' || labelled.includes(node) || (!labelled.length && !inv.nodeReports.some((r) => r.node === node));
  const missing: string[] = [];
  const named = new Set<string>();
  for (const c of inv.coverage) {
    if (c.key !== 'nodeReports' || c.node === undefined || reported.has(c.node) || named.has(c.node) || !inScope(c.node)) continue;
    named.add(c.node);
    missing.push(`node ${c.node}: ${c.reason}`);
  }
  if (!inv.nodeReports.length && !named.size) return notAssessed(NO_REPORTS);
  const expected = scope === 'worker' ? inv.nodes.map((n) => n.metadata.name) : labelled;
  for (const n of expected) if (!reported.has(n) && !named.has(n)) missing.push(`no node report for node ${n}`);
  if (!reports.length && !missing.length)
    return notAssessed('no node report has the control-plane role and no Node is labelled node-role.kubernetes.io/control-plane');
  return { reports, missing };
}

export function nodeHostCheck<T extends NodeSubject, M extends string>(spec: NodeHostCheckSpec<T, M>): Check<T, M> {
  const check = defineCheck<T, M>({
    meta: { ...spec.meta, requires: ['nodeReports', 'nodes'], coverageByNode: ['nodeReports'] },
    select(inv) {
      const scope = nodesInScope(inv, spec.scope);
      if (!('reports' in scope)) return scope;
      const subjects: T[] = [];
      const reasons = [...scope.missing];
      for (const report of scope.reports) {
        const got = spec.subjectsOf(report);
        subjects.push(...got.subjects);
        reasons.push(...got.unjudgeable);
      }
      // A failing node decides the control; otherwise one that cannot be judged keeps it from passing.
      if (reasons.length) return subjects.some((s) => fails(s, inv)) ? subjects : notAssessed(firstNodes(reasons));
      return subjects.length ? subjects : notApplicable(spec.noSubjects);
    },
    evaluate: spec.evaluate,
    resourceOf: (subject): ResourceRef => ({ apiVersion: 'v1', kind: 'Node', name: subject.node }),
  });
  const fails = (subject: T, inventory: Inventory): boolean => evaluationFails(spec.evaluate, subject, inventory);
  return check;
}

/** Whether a subject fails (evaluated with default options): a failing node decides a per-node control. */
export function evaluationFails<T, M extends string>(
  evaluate: (subject: T, ctx: CheckContext<M>) => void,
  subject: T,
  inventory: Inventory,
): boolean {
  let failed = false;
  evaluate(subject, { report: () => (failed = true), options: {}, inventory });
  return failed;
}

/** The running component of a report, by name. */
export const componentOf = (report: NodeReport, name: NodeComponent['name']): NodeComponent | undefined =>
  report.components.find((c) => c.name === name);

/** Where a component's flags are on the node, for evidence. */
export const cmdlineOf = (c: NodeComponent): string => `/proc/${c.pid}/cmdline`;

/** Reasons from the report's own problems with `what`, per node. */
export const problemsOf = (report: NodeReport, what: string): string[] =>
  report.problems.filter((p) => p.what === what).map((p) => `node ${report.node}: ${p.path ? `${p.path}: ` : ''}${p.reason}`);

/**
 * A report's one subject for a content check: judged when the content was read, or when the flag
 * naming its file is unset (`wanted` false: the check judges that); otherwise why it was not read.
 */
export function contentSubject<T>(
  report: NodeReport,
  what: string,
  label: string,
  wanted: boolean,
  read: boolean,
  subject: () => T,
): NodeSubjects<T> {
  if (!wanted || read) return { subjects: [subject()], unjudgeable: [] };
  const why = problemsOf(report, what);
  return { subjects: [], unjudgeable: why.length ? why : [`node ${report.node}: ${label} was not read`] };
}

export const NO_APISERVER = 'no kube-apiserver runs on the control-plane nodes that were reported';

/** A check on a file the API server reads (encryption configuration, audit policy): its subject on one node. */
export function apiserverFileSubject<T>(
  report: NodeReport,
  flag: string,
  what: string,
  label: string,
  read: boolean,
  subject: (apiserver: NodeComponent) => T,
): NodeSubjects<T> {
  const apiserver = componentOf(report, 'kube-apiserver');
  if (!apiserver) return { subjects: [], unjudgeable: [] };
  return contentSubject(report, what, label, Boolean(apiserver.flags[flag]), read, () => subject(apiserver));
}

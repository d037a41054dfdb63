/**
 * "One finding, one place": the failing findings of every control regrouped by the problem they
 * describe. CIS 5.2.2, PSS baseline `privileged` and PSS restricted `privileged` all run the check
 * pss-privileged on the same container field, so the JSON report lists that finding three times
 * (once per control, as each control counts it); here it is one problem that lists the three
 * controls. A problem is keyed by resource, field path and check: the same check on the same field
 * of the same object is the same problem, whichever control runs it.
 *
 * Problems are then grouped by workload (the resource) and by namespace, for the views that say
 * what each team must fix, and failing controls that run the same checks are grouped into one top
 * risk. One pass over the findings, Maps by key: linear in the findings.
 */
import type { ResourceRef } from '../../src/core/check.js';
import type { ControlResult, Finding } from '../../src/core/result.js';
import { severityRank, type Severity } from '../../src/core/severity.js';
import { mustExist } from '../../src/core/errors.js';
import { resourceName } from '../text.js';

/** A control as one short label: "CIS 5.2.2", "PSS baseline privileged", "kaudit-workloads resources-limits". */
export function controlLabel(profile: string, id: string): string {
  if (/^cis-/.test(profile)) return `CIS ${id}`;
  const pss = /^pss-(.+)$/.exec(profile);
  if (pss) return `PSS ${pss[1]} ${id}`;
  return `${profile} ${id}`;
}

/** An HTML id from parts: anything outside [A-Za-z0-9_.-] becomes '_'. */
export function anchor(prefix: string, ...parts: string[]): string {
  return [prefix, ...parts].map((p) => p.replace(/[^A-Za-z0-9_.-]/g, '_')).join('-');
}

export interface ControlRef {
  profile: string;
  id: string;
  label: string;
  /** The control's row under All controls. */
  anchor: string;
}

export interface Problem {
  /** Anchor of the problem in the per-workload view, and of its workload's card. */
  anchor: string;
  workloadAnchor: string;
  checkId: string;
  severity: Severity;
  path?: string;
  message: string;
  observed?: string;
  expected?: string;
  /** Every control this problem fails, in report order. */
  controls: ControlRef[];
  /** Failing findings of the JSON report this problem stands for (one per control). */
  findings: number;
}

export interface Workload {
  key: string;
  anchor: string;
  resource: ResourceRef;
  /** "DaemonSet kube-system/calico-node". */
  label: string;
  system: boolean;
  podCount?: number;
  problems: Problem[];
  /** Failing findings of the JSON report on this resource, over every control. */
  findings: number;
  worst: Severity;
  /** Profiles whose controls this resource fails, for the profile filter. */
  profiles: string[];
}

export interface Namespace {
  /** The namespace, or '' for cluster-scoped resources. */
  name: string;
  anchor: string;
  workloads: Workload[];
  problems: number;
  findings: number;
  severities: Record<Severity, number>;
}

export interface Risk {
  controls: ControlRef[];
  title: string;
  severity: Severity;
  /** Distinct failing resources, over the controls of the risk. */
  objects: number;
  /** Pods behind those resources, where findings carry a pod count. */
  pods: number;
  namespaces: number;
  example: string;
  remediation?: string;
}

/** The namespace a resource belongs to for its team: its own, or for a Namespace object, itself. */
export const namespaceOf = (r: ResourceRef): string | undefined => r.namespace ?? (r.kind === 'Namespace' ? r.name : undefined);

export const resourceKey = (r: ResourceRef): string => `${r.apiVersion}\u0000${r.kind}\u0000${r.namespace ?? ''}\u0000${r.name}`;
const worse = (a: Severity, b: Severity): Severity => (severityRank(b) > severityRank(a) ? b : a);

/**
 * Values by resource (apiVersion, kind, namespace, name) in nested Maps. A 20,000-pod report has
 * tens of thousands of findings: a key string built per finding (and hashed, since it is new each
 * time) cost most of the HTML render; the parts are strings the report already holds, whose hashes
 * V8 keeps.
 */
export class ResourceMap<T> {
  private readonly root = new Map<string, Map<string, Map<string, Map<string, T>>>>();

  get(r: ResourceRef): T | undefined {
    return this.root
      .get(r.apiVersion)
      ?.get(r.kind)
      ?.get(r.namespace ?? '')
      ?.get(r.name);
  }

  set(r: ResourceRef, value: T): void {
    child(child(child(this.root, r.apiVersion), r.kind), r.namespace ?? '').set(r.name, value);
  }
}

function child<K, V>(m: Map<K, Map<string, V>>, key: K): Map<string, V> {
  let c = m.get(key);
  if (!c) m.set(key, (c = new Map<string, V>()));
  return c;
}

export interface ProblemIndex {
  /** Problems by key (resource, path, check), for cross-references from a control's findings. */
  byFinding: (f: Finding) => Problem | undefined;
  workloads: Workload[];
  namespaces: Namespace[];
  /** A control's failing resources: the first failing finding on each, and a token equal for equal resources. */
  resourcesOf: (c: ControlResult) => readonly { resource: object; finding: Finding }[];
}

type Indexed = Workload & {
  profileSet: Set<string>;
  byCheck: Map<string, Map<string, Problem>>;
  /** The last control, check and problems by path met on this resource: consecutive findings repeat them. */
  lastControl?: ControlResult;
  lastCheck?: string;
  lastByPath?: Map<string, Problem>;
};

/** Regroups every failing (not waived) finding; workloads and namespaces sorted worst first. */
export function indexProblems(controls: readonly ControlResult[]): ProblemIndex {
  const workloads = new ResourceMap<Indexed>();
  const order: Indexed[] = [];
  const perControl = new Map<ControlResult, { resource: object; finding: Finding }[]>();
  for (const c of controls) {
    const ref: ControlRef = { profile: c.profile, id: c.id, label: controlLabel(c.profile, c.id), anchor: anchor('c', c.profile, c.id) };
    const resources: { resource: object; finding: Finding }[] = [];
    perControl.set(c, resources);
    // A check reports an object's findings together, often with one ResourceRef: it is looked up once.
    let lastRef: ResourceRef | undefined;
    let w: Indexed | undefined;
    for (const f of c.findings) {
      if (f.status !== 'fail') continue;
      if (f.resource !== lastRef || !w) {
        lastRef = f.resource;
        w = workloads.get(f.resource);
        if (!w) {
          w = {
            key: resourceKey(f.resource),
            anchor: '',
            resource: f.resource,
            label: resourceName(f.resource),
            system: f.system === true,
            podCount: f.podCount,
            problems: [],
            findings: 0,
            worst: f.severity,
            profiles: [],
            profileSet: new Set(),
            byCheck: new Map(),
          };
          workloads.set(f.resource, w);
          order.push(w);
        }
      }
      // Findings of a control on one resource mostly come together; topRisks drops the other repeats.
      if (w.lastControl !== c) {
        w.lastControl = c;
        w.profileSet.add(c.profile);
        resources.push({ resource: w, finding: f });
      }
      w.findings++;
      w.worst = worse(w.worst, f.severity);
      if (f.podCount !== undefined) w.podCount = Math.max(w.podCount ?? 0, f.podCount);
      if (w.lastCheck !== f.checkId || !w.lastByPath) {
        w.lastCheck = f.checkId;
        w.lastByPath = child(w.byCheck, f.checkId);
      }
      const byPath = w.lastByPath;
      let p = byPath.get(f.path ?? '');
      if (!p) {
        p = {
          anchor: '',
          workloadAnchor: '',
          checkId: f.checkId,
          severity: f.severity,
          path: f.path,
          message: f.message,
          observed: f.observed,
          expected: f.expected,
          controls: [],
          findings: 0,
        };
        byPath.set(f.path ?? '', p);
        w.problems.push(p);
      }
      p.findings++;
      p.severity = worse(p.severity, f.severity);
      // A control lists a problem once, even if the check reported it twice.
      if (p.controls.at(-1) !== ref) p.controls.push(ref);
    }
  }
  const list: Workload[] = order.map(
    ({ profileSet, byCheck: _byCheck, lastControl: _lastControl, lastCheck: _lastCheck, lastByPath: _lastByPath, ...w }) => ({
      ...w,
      profiles: [...profileSet],
    }),
  );
  list.sort(worstFirst);
  const byNs = new Map<string, Namespace>();
  for (const w of list) {
    const name = namespaceOf(w.resource) ?? '';
    let ns = byNs.get(name);
    if (!ns) {
      ns = {
        name,
        anchor: anchor('ns', name || '_cluster'),
        workloads: [],
        problems: 0,
        findings: 0,
        severities: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
      };
      byNs.set(name, ns);
    }
    w.anchor = anchor('w', w.resource.kind, name, w.resource.name);
    w.problems.sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
    w.problems.forEach((p, i) => {
      p.anchor = `${w.anchor}-${i}`;
      p.workloadAnchor = w.anchor;
    });
    ns.workloads.push(w);
    ns.problems += w.problems.length;
    ns.findings += w.findings;
    for (const p of w.problems) ns.severities[p.severity]++;
  }
  const namespaces = [...byNs.values()].sort((a, b) => b.findings - a.findings || a.name.localeCompare(b.name));
  return {
    byFinding: (f) =>
      workloads
        .get(f.resource)
        ?.byCheck.get(f.checkId)
        ?.get(f.path ?? ''),
    workloads: list,
    namespaces,
    resourcesOf: (c) => perControl.get(c) ?? [],
  };
}

/** Worst severity first, then the most problems, then by name: what to fix first. */
function worstFirst(a: Workload, b: Workload): number {
  return severityRank(b.worst) - severityRank(a.worst) || b.problems.length - a.problems.length || a.label.localeCompare(b.label);
}

/**
 * Failing controls ranked by severity, then by the objects they affect. Controls that run the same
 * checks (CIS 5.2.2 and the two PSS `privileged` controls) are one risk listing each of them.
 */
export function topRisks(
  controls: readonly ControlResult[],
  limit: number,
  index: Pick<ProblemIndex, 'resourcesOf'> = indexProblems(controls),
): Risk[] {
  const groups = new Map<string, { controls: ControlResult[]; resources: Set<object>; found: Finding[] }>();
  for (const c of controls) {
    if (c.status !== 'fail') continue;
    const key = c.checks.length ? [...c.checks].sort().join(',') : `${c.profile}\u0000${c.id}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { controls: [], resources: new Set(), found: [] }));
    g.controls.push(c);
    for (const { resource, finding } of index.resourcesOf(c)) {
      if (g.resources.has(resource)) continue;
      g.resources.add(resource);
      g.found.push(finding);
    }
  }
  const risks: Risk[] = [...groups.values()].map((g) => {
    const first = mustExist(g.controls[0], 'the first control of a risk');
    const found = g.found;
    return {
      controls: g.controls.map((c) => ({
        profile: c.profile,
        id: c.id,
        label: controlLabel(c.profile, c.id),
        anchor: anchor('c', c.profile, c.id),
      })),
      title: first.title,
      severity: g.controls.reduce<Severity>((s, c) => worse(s, c.severity), first.severity),
      objects: found.length,
      pods: found.reduce((n, f) => n + (f.podCount ?? 0), 0),
      namespaces: new Set(found.map((f) => namespaceOf(f.resource)).filter((n) => n !== undefined)).size,
      example: found[0] ? resourceName(found[0].resource) : '',
      remediation: first.remediation?.[0],
    };
  });
  risks.sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || b.objects - a.objects || b.pods - a.pods);
  return risks.slice(0, limit);
}

/**
 * Which workloads the per-workload view shows, within `budget` problem rows: round by round, each
 * namespace adds its next worst workload, so every team sees its worst first and no namespace
 * crowds out the others. Returns the shown workloads per namespace name.
 */
export function allotWorkloads(namespaces: readonly Namespace[], budget: number, perWorkload: number): Map<string, Workload[]> {
  const shown = new Map<string, Workload[]>(namespaces.map((n) => [n.name, []]));
  let left = budget;
  for (let round = 0; left > 0; round++) {
    let any = false;
    for (const ns of namespaces) {
      const w = ns.workloads[round];
      if (!w) continue;
      any = true;
      const rows = Math.min(w.problems.length, perWorkload);
      if (rows > left) return shown;
      shown.get(ns.name)!.push(w);
      left -= rows;
    }
    if (!any) break;
  }
  return shown;
}

/**
 * Helpers shared by the controls: container traversal, upstream-style message formatting,
 * JSON-pointer paths and the control factory.
 */
import type { Container, PodSpec, SecurityContext } from '../core/k8s.js';
import { scanCache } from '../core/scan-cache.js';
import type {
  PssContainerType,
  PssControl,
  PssControlResult,
  PssLevel,
  PssMajorMinor,
  PssPodMeta,
  PssRevision,
  PssVersion,
  PssViolation,
} from './types.js';
import { olderThan, resolvePssVersion, v1 } from './version.js';

// ---------------------------------------------------------------------------------------------
// Reading plain JSON safely (a Go nil pointer is an absent key or a JSON null)
// ---------------------------------------------------------------------------------------------

export function isSet<T>(value: T | null | undefined): value is T {
  return value !== undefined && value !== null;
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function asArray<T = unknown>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

/** A Go string field: absent or null reads as "". */
export function goString(value: unknown): string {
  return typeof value === 'string' ? value : isSet(value) ? String(value) : '';
}

/** Renders an observed value for a violation: 'unset', '""', the string itself, or JSON. */
export function show(value: unknown): string {
  if (value === undefined || value === null) return 'unset';
  if (value === '') return '""';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

// ---------------------------------------------------------------------------------------------
// Containers
// ---------------------------------------------------------------------------------------------

export interface VisitedContainer {
  container: Container;
  type: PssContainerType;
  index: number;
  /** '/spec/<type>/<index>' */
  path: string;
  /** The container's securityContext, or undefined when absent/null. */
  sc: SecurityContext | undefined;
}

// Every control visits the same containers of the same spec: listed once per spec object (specs are
// never mutated, and equal specs are often one shared object, see src/core/compact.ts).
const visited = scanCache<object, readonly VisitedContainer[]>();

/** Every container in upstream's visiting order: initContainers, containers, ephemeralContainers. */
export function visitContainers(spec: PodSpec): readonly VisitedContainer[] {
  if (typeof spec !== 'object' || spec === null) return listContainers(spec);
  let list = visited.get(spec);
  if (!list) visited.set(spec, (list = listContainers(spec)));
  return list;
}

function listContainers(spec: PodSpec): readonly VisitedContainer[] {
  const out: VisitedContainer[] = [];
  const types: PssContainerType[] = ['initContainers', 'containers', 'ephemeralContainers'];
  for (const type of types) {
    asArray<Container>(spec?.[type]).forEach((container, index) => {
      if (!asRecord(container)) return;
      const sc = asRecord(container.securityContext) as SecurityContext | undefined;
      out.push({ container, type, index, path: `/spec/${type}/${index}`, sc });
    });
  }
  return out;
}

export function containerName(c: VisitedContainer): string {
  return goString(c.container.name);
}

/** A violation about a field of one container. `field` is relative to the container, e.g. 'securityContext/privileged'. */
export function containerViolation(c: VisitedContainer, field: string, observed: string, expected: string): PssViolation {
  return { container: containerName(c), containerType: c.type, path: `${c.path}/${field}`, observed, expected };
}

export function podViolation(path: string, observed: string, expected: string): PssViolation {
  return { path, observed, expected };
}

/** The pod-level securityContext, or undefined when absent/null. */
export function podSecurityContext(spec: PodSpec): PodSpec['securityContext'] | undefined {
  return asRecord(spec?.securityContext) as PodSpec['securityContext'] | undefined;
}

/** spec.os.name == "windows" (the v1.25+ exemptions of three restricted controls). */
export function isWindowsPod(spec: PodSpec): boolean {
  return asRecord(spec?.os)?.name === 'windows';
}

/** spec.hostUsers == false: the pod runs in a user namespace (the v1.35+ relaxations). */
export function inUserNamespace(spec: PodSpec): boolean {
  return spec?.hostUsers === false;
}

// ---------------------------------------------------------------------------------------------
// Upstream-style message pieces
// ---------------------------------------------------------------------------------------------

/** "a", "b" (upstream joinQuote). */
export function joinQuote(items: readonly string[]): string {
  return items.length === 0 ? '' : `"${items.join('", "')}"`;
}

export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** Sorted, de-duplicated (upstream sets.List order: byte-wise, which equals code-unit order for ASCII). */
export function sortedUnique(items: Iterable<string>): string[] {
  return [...new Set(items)].sort();
}

/** 'container "a"' / 'containers "a", "b"'. */
export function containersPhrase(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}

/** JSON-pointer escaping of one path segment (RFC 6901). */
export function pointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function annotationPath(key: string): string {
  return `/metadata/annotations/${pointerSegment(key)}`;
}

export function annotationsOf(meta: PssPodMeta | undefined): Record<string, string> {
  return (asRecord(meta?.annotations) as Record<string, string> | undefined) ?? {};
}

// ---------------------------------------------------------------------------------------------
// Control factory
// ---------------------------------------------------------------------------------------------

export interface Outcome {
  allowed: boolean;
  reason?: string;
  detail?: string;
  violations: PssViolation[];
}

export const ALLOWED: Outcome = Object.freeze({ allowed: true, violations: [] as PssViolation[] }) as Outcome;

export type CheckFn = (meta: PssPodMeta | undefined, spec: PodSpec) => Outcome;

export interface RevisionDef {
  /** Minor version (major is always 1) the revision applies from. */
  since: number;
  check: CheckFn;
  overrides?: readonly string[];
  note: string;
}

export interface ControlDef {
  id: string;
  title: string;
  level: PssLevel;
  /** Oldest first, strictly increasing `since`. */
  revisions: readonly RevisionDef[];
}

export function defineControl(def: ControlDef): PssControl {
  for (const [i, r] of def.revisions.entries()) {
    const previous = def.revisions[i - 1];
    if (previous && r.since <= previous.since) {
      throw new Error(`PSS control ${def.id}: revisions must be strictly increasing`);
    }
  }
  const revisions: readonly PssRevision[] = Object.freeze(
    def.revisions.map((r) => Object.freeze({ since: v1(r.since), overrides: Object.freeze([...(r.overrides ?? [])]), note: r.note })),
  );
  const [firstRevision] = revisions;
  if (!firstRevision) throw new Error(`PSS control ${def.id}: no revisions`);

  // Hot path (every control, every pod spec): compare against the frozen `since` values, cached per version.
  const activeCache = new Map<string, RevisionDef | undefined>();
  const active = (v: PssVersion): RevisionDef | undefined => {
    const key = v === 'latest' ? v : `${v.major}.${v.minor}`;
    if (activeCache.has(key)) return activeCache.get(key);
    const resolved: PssMajorMinor = resolvePssVersion(v);
    let found: RevisionDef | undefined;
    revisions.forEach((r, i) => {
      if (!olderThan(resolved, r.since)) found = def.revisions[i];
    });
    activeCache.set(key, found);
    return found;
  };

  // Most pod specs pass most controls: one frozen result for every pass.
  const allowedResult = Object.freeze({
    id: def.id,
    title: def.title,
    level: def.level,
    allowed: true,
    violations: Object.freeze([]) as unknown as PssViolation[],
  }) as PssControlResult;
  const control: PssControl = {
    id: def.id,
    title: def.title,
    level: def.level,
    since: firstRevision.since,
    revisions,
    appliesAt: (v) => active(v) !== undefined,
    overridesAt: (v) => Object.freeze([...(active(v)?.overrides ?? [])]),
    evaluate(meta, spec, v): PssControlResult {
      const revision = active(v);
      const outcome = revision ? revision.check(meta, spec) : ALLOWED;
      if (outcome.allowed) return allowedResult;
      const result: PssControlResult = {
        id: def.id,
        title: def.title,
        level: def.level,
        allowed: false,
        reason: outcome.reason,
        violations: [],
      };
      if (outcome.detail !== undefined) result.detail = outcome.detail;
      // Re-insert so that the key order reads id, title, level, allowed, reason, detail, violations.
      delete (result as Partial<PssControlResult>).violations;
      result.violations = [...outcome.violations];
      return result;
    },
  };
  return Object.freeze(control);
}

/** Builds a forbidden outcome. */
export function forbid(reason: string, detail: string | undefined, violations: PssViolation[]): Outcome {
  return { allowed: false, reason, detail, violations };
}

/** What a pod spec sets wrong in one profile field (`appArmorProfile`, `seccompProfile`). */
export interface ProfileTypeFindings {
  /** 'pod' and/or a containers phrase, for the detail text. */
  setters: string[];
  /** The offending type values, in the order met. */
  badValues: string[];
  violations: PssViolation[];
}

/**
 * The `<field>.type` of the pod and of every container, each judged on its own (a valid container
 * value does not excuse an invalid pod value, nor the other way round): the shared shape of the
 * AppArmor and baseline seccomp field rules.
 */
export function profileTypeFindings(
  spec: PodSpec,
  field: 'appArmorProfile' | 'seccompProfile',
  allowed: (type: string) => boolean,
  expected: string,
): ProfileTypeFindings {
  const found: ProfileTypeFindings = { setters: [], badValues: [], violations: [] };
  const podProfile = asRecord(podSecurityContext(spec)?.[field]);
  if (podProfile) {
    const type = goString(podProfile.type);
    if (!allowed(type)) {
      found.setters.push('pod');
      found.badValues.push(type);
      found.violations.push(podViolation(`/spec/securityContext/${field}/type`, show(type), expected));
    }
  }
  const badContainers: string[] = [];
  for (const c of visitContainers(spec)) {
    const profile = asRecord(c.sc?.[field]);
    if (!profile) continue;
    const type = goString(profile.type);
    if (!allowed(type)) {
      badContainers.push(containerName(c));
      found.badValues.push(type);
      found.violations.push(containerViolation(c, `securityContext/${field}/type`, show(type), expected));
    }
  }
  if (badContainers.length > 0) found.setters.push(containersPhrase(badContainers));
  return found;
}

/**
 * Public types of the Pod Security Standards library.
 *
 * The model follows Kubernetes' Pod Security Admission (k8s.io/pod-security-admission, package
 * `policy`): a control ("check" upstream) has an id, a level and one or more revisions, each
 * applying from a minimum policy version. A revision of a restricted control may replace
 * ("override") baseline controls while a restricted policy is evaluated.
 */
import type { PodSpec } from '../core/k8s.js';

export type PssLevel = 'baseline' | 'restricted';

/** A policy version: `{ major: 1, minor: N }`, or 'latest' (the newest version this library knows). */
export type PssVersion = { major: number; minor: number } | 'latest';

/** A concrete (non-'latest') policy version. */
export interface PssMajorMinor {
  major: number;
  minor: number;
}

export type PssContainerType = 'containers' | 'initContainers' | 'ephemeralContainers';

/** The parts of a Pod's metadata the standards read (annotations only, in practice). */
export interface PssPodMeta {
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
}

export interface PssViolation {
  /** Name of the container the violation is about (absent for pod-level fields). */
  container?: string;
  containerType?: PssContainerType;
  /**
   * JSON-pointer path of the offending field within a Pod, e.g.
   * '/spec/containers/0/securityContext/privileged', '/spec/hostNetwork' or
   * '/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1app'.
   * Callers evaluating a pod template rewrite the '/spec' and '/metadata' prefixes.
   */
  path: string;
  /** What was found: the value as text ('true', '8080', 'Unconfined', '""'), or 'unset'. */
  observed: string;
  /** What the control accepts there, in words. */
  expected: string;
}

export interface PssControlResult {
  /** Upstream check id, e.g. 'privileged'. */
  id: string;
  /** Control name as in the Pod Security Standards documentation, e.g. 'Privileged Containers'. */
  title: string;
  level: PssLevel;
  allowed: boolean;
  /** Upstream-style forbiddenReason, e.g. 'privileged'. Only set when not allowed. */
  reason?: string;
  /** Upstream-style forbiddenDetail, e.g. 'container "a" must not set securityContext.privileged=true'. */
  detail?: string;
  /** One entry per offending field; empty when allowed. */
  violations: PssViolation[];
}

/** One revision of a control: the behaviour from `since` until the next revision. */
export interface PssRevision {
  since: PssMajorMinor;
  /** Baseline control ids this (restricted) revision replaces in a restricted evaluation. */
  overrides: readonly string[];
  /** What this revision changed, in words (used by docs). */
  note: string;
}

export interface PssControl {
  id: string;
  title: string;
  level: PssLevel;
  /** The first policy version the control applies at. */
  since: PssMajorMinor;
  /** Every revision, oldest first. */
  revisions: readonly PssRevision[];
  /** Whether the control applies at that policy version. */
  appliesAt(v: PssVersion): boolean;
  /** Baseline control ids replaced by this control at that version (empty for baseline controls). */
  overridesAt(v: PssVersion): readonly string[];
  /**
   * Evaluates a pod. At a version where the control does not apply it imposes nothing:
   * the result is allowed with no violations.
   */
  evaluate(meta: PssPodMeta | undefined, spec: PodSpec, v: PssVersion): PssControlResult;
}

/**
 * Factories for the Pod Security Standards checks (checks/pss-*.ts) and the namespace enforcement
 * checks (checks/namespace-pss-enforce-*.ts), on top of the PSS library in ./pss/.
 *
 * A PSS check judges one upstream control over every pod spec (owner attribution as in
 * podSpecSubjects) at the policy version of its `pssVersion` option:
 * - a baseline check evaluates its control as the baseline policy of that version does;
 * - a restricted check evaluates its control *family* as the restricted policy of that version
 *   does: the control itself plus every baseline control it replaces in any revision, intersected
 *   with `controlsFor('restricted', v)`. So where the restricted control does not exist yet (e.g.
 *   capabilities_restricted before v1.22) the baseline rule upstream applies in its place is judged,
 *   and where it exists only the restricted rule is.
 * Every violation the library reports is one finding, with its path rewritten into the subject.
 */
import { defineCheck, notApplicable, notAssessed, type Check } from '../../src/core/check.js';
import type { KObject } from '../../src/core/k8s.js';
import type { Severity } from '../../src/core/severity.js';
import {
  controlsFor,
  formatPssVersion,
  getPssControl,
  parsePssVersion,
  type PssControl,
  type PssLevel,
  type PssVersion,
  type PssViolation,
} from '../../src/pss/index.js';
import { levelControls, rejectingControls } from './pss-verdicts.js';
import { containerWord, podSpecSubjects, POD_SPEC_KEYS, type ContainerType, type PodSpecSubject } from './workloads.js';

export const PSS_REFERENCE = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';
export const PSA_REFERENCE = 'https://kubernetes.io/docs/concepts/security/pod-security-admission/';

const VERSION_OPTION_SCHEMA = {
  type: 'string',
  pattern: '^(latest|v?1\\.(0|[1-9][0-9]*))$',
  description: 'Pod Security Standards policy version: "latest" or "v1.<minor>"',
} as const;
const PSS_OPTIONS_SCHEMA = { type: 'object', properties: { pssVersion: VERSION_OPTION_SCHEMA }, additionalProperties: false } as const;
const NAMESPACE_OPTIONS_SCHEMA = {
  type: 'object',
  properties: { pssVersion: VERSION_OPTION_SCHEMA, skipNamespaces: { type: 'array', items: { type: 'string' } } },
  additionalProperties: false,
} as const;

/** The `pssVersion` option as a policy version ('latest' when unset). */
export function pssVersionOption(options: { readonly pssVersion?: string | null }): PssVersion {
  return parsePssVersion(options.pssVersion ?? 'latest');
}

// ---------------------------------------------------------------------------------------------
// Control checks
// ---------------------------------------------------------------------------------------------

export interface PssCheckDef {
  /** Check id, equal to the file name (pss-...). */
  id: string;
  /** Upstream control id, e.g. 'privileged' or 'capabilities_restricted'. */
  control: string;
  title: string;
  description: string;
  severity: Severity;
  remediation: string;
  /** A failing manifest (YAML). */
  example: string;
  /** Extra references; the Pod Security Standards page is always first. */
  references?: string[];
}

/** What a PSS check judges, for profiles and tests. */
export interface PssCheckInfo {
  /** Upstream control id. */
  control: string;
  /** The policy level the check stands for (the control's level). */
  level: PssLevel;
  /** The control and every control it replaces in any revision (restricted controls only). */
  family: readonly string[];
  /** The controls the check evaluates at a policy version (empty when it does not exist there). */
  controlsAt(v: PssVersion): PssControl[];
}

export type PssCheck = Check<PodSpecSubject, 'violation', typeof PSS_OPTIONS_SCHEMA> & { pss: PssCheckInfo };

/** The control family of a control: itself plus every control it overrides in any revision. */
export function pssFamily(control: PssControl): string[] {
  if (control.level === 'baseline') return [control.id];
  return [...new Set([control.id, ...control.revisions.flatMap((r) => r.overrides)])];
}

export function pssCheck(def: PssCheckDef): PssCheck {
  const control = getPssControl(def.control);
  if (!control) throw new Error(`${def.id}: unknown Pod Security Standards control "${def.control}"`);
  const level = control.level;
  const family = pssFamily(control);
  const controlsAt = (v: PssVersion): PssControl[] => controlsFor(level, v).filter((c) => family.includes(c.id));

  // One plan per version text: the version, the controls judged at it and each one's bit in the
  // level's shared answer (pss-verdicts.ts).
  type Plan = { v: PssVersion; controls: PssControl[]; bits: number[] };
  const plans = new Map<string, Plan>();
  const planFor = (options: Record<string, unknown>): Plan => {
    const key = String(options.pssVersion ?? 'latest');
    let plan = plans.get(key);
    if (!plan) {
      const v = pssVersionOption(options);
      const controls = controlsAt(v);
      const all = levelControls(level, v);
      const bits = controls.map((c) => {
        const at = all.indexOf(c);
        // A control outside the shared answer would never be judged: a silent pass. Refuse instead.
        if (at < 0) throw new Error(`${def.id}: ${c.id} is not among the ${level} controls at ${formatPssVersion(v)}`);
        return 1 << at;
      });
      plan = { v, controls, bits };
      plans.set(key, plan);
    }
    return plan;
  };

  const check = defineCheck({
    meta: {
      id: def.id,
      title: def.title,
      description: def.description,
      severity: def.severity,
      requires: POD_SPEC_KEYS,
      messages: { violation: '{{control}} ({{level}}): {{detail}}' },
      remediation: def.remediation,
      references: [PSS_REFERENCE, ...(def.references ?? [])],
      options: {
        defaults: { pssVersion: 'latest' },
        schema: PSS_OPTIONS_SCHEMA,
      },
      example: def.example,
    },
    select(inv, options) {
      const { v, controls } = planFor(options);
      if (controls.length === 0) {
        return notApplicable(
          `${control.title} (${control.id}) does not exist at Pod Security Standards ${formatPssVersion(v)} (it applies from v1.${control.since.minor})`,
        );
      }
      return podSpecSubjects(inv);
    },
    evaluate(subject: PodSpecSubject, ctx) {
      const { v, controls, bits } = planFor(ctx.options);
      const rejecting = rejectingControls(subject, level, v);
      for (let i = 0; i < controls.length; i++) {
        // Only a control the shared answer says rejects is evaluated again, for its violations.
        if (!(rejecting & bits[i]!)) continue;
        const result = controls[i]!.evaluate(subject.meta, subject.spec, v);
        if (result.allowed) continue;
        for (const violation of result.violations) {
          const expected = rewriteText(violation.expected, subject.specPath);
          ctx.report({
            messageId: 'violation',
            path: rewritePath(violation.path, subject.specPath),
            observed: violation.observed,
            expected,
            data: {
              control: result.title,
              level: result.level,
              detail: describeViolation(violation, subject, expected),
              container: violation.container,
              pssControl: result.id,
              pssVersion: formatPssVersion(v),
            },
          });
        }
      }
    },
  });
  return Object.assign(check, { pss: Object.freeze({ control: control.id, level, family: Object.freeze(family), controlsAt }) });
}

/** The JSON pointer of a subject's pod (template) metadata: '/spec/template/metadata', '/metadata', ... */
export function metadataPathOf(specPath: string): string {
  return specPath.replace(/\/spec$/, '/metadata');
}

/** Rewrites a violation path ('/spec…' or '/metadata…' of a Pod) into the subject's object. */
export function rewritePath(path: string, specPath: string): string {
  if (path === '/spec' || path.startsWith('/spec/')) return specPath + path.slice('/spec'.length);
  if (path === '/metadata' || path.startsWith('/metadata/')) return metadataPathOf(specPath) + path.slice('/metadata'.length);
  return path;
}

/** Rewrites Pod paths mentioned inside a text (e.g. "here or in /spec/securityContext/runAsNonRoot"). */
function rewriteText(text: string, specPath: string): string {
  return text.replace(
    /(^|[\s(])(\/(?:spec|metadata)(?:\/[^\s)]*)?)/g,
    (_whole, before: string, path: string) => before + rewritePath(path, specPath),
  );
}

const unescapeSegment = (s: string): string => (s.includes('~') ? s.replace(/~1/g, '/').replace(/~0/g, '~') : s);

/** 'securityContext/capabilities/add/0' -> 'securityContext.capabilities.add[0]'. */
function dotted(segments: string[]): string {
  let out = '';
  for (const s of segments) out += /^\d+$/.test(s) ? `[${s}]` : out ? `.${s}` : s;
  return out;
}

const CONTAINER_TYPES = new Set<string>(['containers', 'initContainers', 'ephemeralContainers']);

/** One violation in words: who sets which field to what. */
function describeViolation(v: PssViolation, subject: PodSpecSubject, expected: string): string {
  const segments = v.path.split('/').slice(1).map(unescapeSegment);
  const pod = subject.object.kind === 'Pod' ? 'pod' : 'pod template';
  // A required value ("false", "true", 'a list including "ALL"') is worth naming; "unset or …" and long "one of" lists are not.
  const required = !/^(unset|one of)\b/.test(expected);
  const setting = (who: string, field: string): string =>
    v.observed === 'unset'
      ? `${who} does not set ${field}; expected ${expected}`
      : `${who} sets ${field}=${v.observed}${required ? `; expected ${expected}` : ''}`;

  if (segments[0] === 'metadata' && segments[1] === 'annotations') {
    const key = segments.slice(2).join('/');
    return `${pod} annotation ${key} is ${v.observed}; expected ${expected}`;
  }
  if (segments[0] !== 'spec') return setting(pod, dotted(segments));
  const rest = segments.slice(1);
  if (CONTAINER_TYPES.has(rest[0] ?? '') && /^\d+$/.test(rest[1] ?? '')) {
    const name = v.container ?? String(subject.spec[rest[0] as 'containers']?.[Number(rest[1])]?.name ?? rest[1]);
    return setting(`${containerWord(rest[0] as ContainerType)} "${name}"`, dotted(rest.slice(2)));
  }
  if (rest[0] === 'volumes' && /^\d+$/.test(rest[1] ?? '')) {
    const volume = subject.spec.volumes?.[Number(rest[1])];
    const who = `volume "${String(volume?.name ?? rest[1])}"`;
    const type = rest[2];
    if (!type)
      return `${who} uses an unknown volume type${v.observed.startsWith('unknown') ? v.observed.slice('unknown'.length) : ` (${v.observed})`}`;
    return v.observed === type ? `${who} uses ${type}` : `${who} uses ${type} ${v.observed}`;
  }
  return setting(pod, dotted(rest));
}

// ---------------------------------------------------------------------------------------------
// Namespace enforcement checks
// ---------------------------------------------------------------------------------------------

export const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
export const ENFORCE_VERSION_LABEL = 'pod-security.kubernetes.io/enforce-version';
export const SYSTEM_NAMESPACES: readonly string[] = Object.freeze(['kube-system', 'kube-public', 'kube-node-lease']);

const LEVEL_RANK: Record<string, number | undefined> & Record<PssLevel, number> = { privileged: 0, baseline: 1, restricted: 2 };
/** Pod Security Admission's own version syntax for the enforce-version label. */
const LABEL_VERSION = /^(latest|v1\.(0|[1-9][0-9]*))$/;
/** How many workload names a message lists before "and N more". */
export const WHAT_IF_NAMES = 5;

export interface NamespaceEnforceDef {
  id: string;
  level: PssLevel;
  title: string;
  description: string;
  severity: Severity;
  remediation: string;
  example: string;
}

interface NamespaceSubject {
  object: KObject;
  workloads: PodSpecSubject[];
}

type NamespaceMessage = 'unset' | 'below' | 'invalid';

/** "Deployment/web" */
const workloadName = (s: PodSpecSubject): string => `${s.object.kind}/${s.object.metadata.name}`;

/** "no workload would be rejected" / "2 workloads would be rejected: Deployment/a, Pod/b" (first 5, then "and N more"). */
export function whatIfText(rejected: string[]): string {
  if (rejected.length === 0) return 'no workload would be rejected';
  const shown = rejected.slice(0, WHAT_IF_NAMES).join(', ');
  const more = rejected.length > WHAT_IF_NAMES ? ` and ${rejected.length - WHAT_IF_NAMES} more` : '';
  return `${rejected.length} ${rejected.length === 1 ? 'workload' : 'workloads'} would be rejected: ${shown}${more}`;
}

/** Whether Pod Security Admission enforcing `level` at `v` would reject the subject's pods (answered once per subject, pss-verdicts.ts). */
const wouldReject = (s: PodSpecSubject, level: PssLevel, v: PssVersion): boolean => rejectingControls(s, level, v) !== 0;

export function namespaceEnforceCheck(
  def: NamespaceEnforceDef,
): Check<NamespaceSubject, NamespaceMessage, typeof NAMESPACE_OPTIONS_SCHEMA> {
  const wanted = LEVEL_RANK[def.level];
  const labelPath = `/metadata/labels/${ENFORCE_LABEL.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  return defineCheck({
    meta: {
      id: def.id,
      title: def.title,
      description: def.description,
      severity: def.severity,
      requires: ['namespaces', ...POD_SPEC_KEYS],
      messages: {
        unset: `namespace {{namespace}} has no ${ENFORCE_LABEL} label; {{whatIf}}`,
        below: `namespace {{namespace}} enforces {{observed}}, below ${def.level}; {{whatIf}}`,
        invalid: `namespace {{namespace}} has an invalid ${ENFORCE_LABEL} label "{{observed}}" (the admission controller falls back to restricted:latest and logs an error); {{whatIf}}`,
      },
      remediation: def.remediation,
      references: [
        PSA_REFERENCE,
        PSS_REFERENCE,
        'https://kubernetes.io/docs/tasks/configure-pod-container/enforce-standards-namespace-labels/',
      ],
      options: {
        defaults: { pssVersion: 'latest', skipNamespaces: [...SYSTEM_NAMESPACES] },
        schema: NAMESPACE_OPTIONS_SCHEMA,
      },
      example: def.example,
    },
    select(inv, options) {
      pssVersionOption(options); // a bad version is an error, not a silent default
      if (inv.namespaces.length === 0) return notAssessed('no Namespace object was read, so no namespace label can be judged');
      const skip = new Set(options.skipNamespaces);
      const byNamespace = new Map<string, PodSpecSubject[]>();
      for (const s of podSpecSubjects(inv)) {
        const ns = s.object.metadata.namespace ?? '';
        const list = byNamespace.get(ns);
        if (list) list.push(s);
        else byNamespace.set(ns, [s]);
      }
      return inv.namespaces
        .filter((n) => !skip.has(n.metadata.name))
        .map((object): NamespaceSubject => ({ object, workloads: byNamespace.get(object.metadata.name) ?? [] }));
    },
    evaluate({ object, workloads }: NamespaceSubject, ctx) {
      const labels = object.metadata.labels ?? {};
      const value = labels[ENFORCE_LABEL];
      const hasValue = typeof value === 'string';
      const rank = hasValue ? LEVEL_RANK[value] : undefined;
      if (rank !== undefined && rank >= wanted) return;

      // What-if: the namespace's enforce-version (as the admission controller reads it), else the option.
      const versionLabel = labels[ENFORCE_VERSION_LABEL];
      let v: PssVersion;
      if (typeof versionLabel === 'string') v = LABEL_VERSION.test(versionLabel) ? parsePssVersion(versionLabel) : 'latest';
      else v = pssVersionOption(ctx.options);
      // Evidence for the level asked and, below restricted, for restricted too (CIS 5.2.1 asks how far a namespace is from it).
      const levels: PssLevel[] = def.level === 'baseline' ? ['baseline', 'restricted'] : ['restricted'];
      const whatIf = levels
        .map((level) => {
          const rejected = workloads
            .filter((s) => wouldReject(s, level, v))
            .map(workloadName)
            .sort();
          return `if it enforced ${level}:${formatPssVersion(v)}, ${whatIfText(rejected)}`;
        })
        .join('; ');
      const messageId: NamespaceMessage = !hasValue ? 'unset' : rank === undefined ? 'invalid' : 'below';
      const observed = hasValue ? value : 'unset';
      ctx.report({
        messageId,
        path: labelPath,
        observed,
        expected: def.level === 'restricted' ? 'restricted' : 'baseline or restricted',
        data: {
          namespace: object.metadata.name,
          observed,
          whatIf,
        },
      });
    },
  });
}

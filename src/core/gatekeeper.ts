/**
 * Gatekeeper constraints as kaudit keeps them: only what the admission checks judge. A constraint
 * object (any kind of constraints.gatekeeper.sh) becomes its kind, name, enforcementAction (Gatekeeper's
 * default is deny) and the kinds its match names; parameters, messages and status are not kept.
 */
import { isRecord } from './shape.js';

export interface GatekeeperConstraint {
  /** The kind its ConstraintTemplate defines, e.g. K8sRequiredLabels. */
  kind: string;
  name: string;
  /** spec.enforcementAction: deny (also when absent), dryrun, warn, or scoped (per enforcement point). */
  enforcementAction: string;
  /** With enforcementAction scoped: the actions of spec.scopedEnforcementActions that apply at admission (validation.gatekeeper.sh or *). */
  admissionActions?: string[];
  /** spec.match.kinds[].kinds, flattened and deduplicated; empty when the constraint matches every kind. */
  matchKinds: string[];
}

const MAX_NAME = 253;
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The digest of a constraint object, or the problem that makes it not one. */
export function constraintDigest(obj: unknown): GatekeeperConstraint | { problem: string } {
  if (
    !isRecord(obj) ||
    typeof obj.kind !== 'string' ||
    !obj.kind ||
    !isRecord(obj.metadata) ||
    typeof obj.metadata.name !== 'string' ||
    !obj.metadata.name
  )
    return { problem: 'a constraint needs kind and metadata.name' };
  if (obj.kind.length > MAX_NAME || obj.metadata.name.length > MAX_NAME) return { problem: 'kind or name longer than 253 characters' };
  const spec = isRecord(obj.spec) ? obj.spec : {};
  if (spec.enforcementAction !== undefined && typeof spec.enforcementAction !== 'string')
    return { problem: 'spec.enforcementAction is not a string' };
  const enforcementAction =
    spec.enforcementAction === undefined || spec.enforcementAction === '' ? 'deny' : spec.enforcementAction.toLowerCase();
  const match = isRecord(spec.match) ? spec.match : {};
  const matchKinds = [...new Set((Array.isArray(match.kinds) ? match.kinds : []).flatMap((k) => (isRecord(k) ? strings(k.kinds) : [])))];
  const digest: GatekeeperConstraint = { kind: obj.kind, name: obj.metadata.name, enforcementAction, matchKinds };
  if (enforcementAction === 'scoped' && Array.isArray(spec.scopedEnforcementActions)) {
    const atAdmission = spec.scopedEnforcementActions.filter(
      (s) =>
        isRecord(s) &&
        typeof s.action === 'string' &&
        Array.isArray(s.enforcementPoints) &&
        s.enforcementPoints.some((p) => isRecord(p) && (p.name === 'validation.gatekeeper.sh' || p.name === '*')),
    );
    digest.admissionActions = [...new Set(atAdmission.map((s) => String((s as { action: string }).action).toLowerCase()))];
  }
  return digest;
}

/** A constraint rejects violating requests at admission: deny, or scoped with deny at the validation webhook. */
export const constraintDenies = (c: GatekeeperConstraint): boolean =>
  c.enforcementAction === 'deny' || (c.enforcementAction === 'scoped' && (c.admissionActions ?? []).includes('deny'));

/** The constraint as the API serves it (the loopback server), from its digest. */
export function constraintObject(c: GatekeeperConstraint, apiVersion: string): Record<string, unknown> {
  const spec: Record<string, unknown> = { enforcementAction: c.enforcementAction };
  if (c.admissionActions)
    spec.scopedEnforcementActions = c.admissionActions.map((action) => ({
      action,
      enforcementPoints: [{ name: 'validation.gatekeeper.sh' }],
    }));
  if (c.matchKinds.length) spec.match = { kinds: [{ apiGroups: ['*'], kinds: c.matchKinds }] };
  return { apiVersion, kind: c.kind, metadata: { name: c.name }, spec };
}

/** The resource name of a constraint kind (Gatekeeper's CRDs use the lower-cased kind). */
export const constraintPlural = (kind: string): string => kind.toLowerCase();

/** A digest as a snapshot holds it, checked field by field (a snapshot is input like any other). */
export function checkedDigest(value: unknown): GatekeeperConstraint | { problem: string } {
  if (!isRecord(value)) return { problem: 'must be an object' };
  const { kind, name, enforcementAction, matchKinds, admissionActions } = value;
  if (typeof kind !== 'string' || !kind || typeof name !== 'string' || !name || kind.length > MAX_NAME || name.length > MAX_NAME)
    return { problem: 'needs kind and name (at most 253 characters each)' };
  if (typeof enforcementAction !== 'string' || !enforcementAction) return { problem: 'needs enforcementAction' };
  if (!Array.isArray(matchKinds) || strings(matchKinds).length !== matchKinds.length)
    return { problem: 'matchKinds must be a list of strings' };
  if (admissionActions !== undefined && (!Array.isArray(admissionActions) || strings(admissionActions).length !== admissionActions.length))
    return { problem: 'admissionActions must be a list of strings' };
  return {
    kind,
    name,
    enforcementAction: enforcementAction.toLowerCase(),
    matchKinds: strings(matchKinds),
    ...(admissionActions === undefined ? {} : { admissionActions: strings(admissionActions) }),
  };
}

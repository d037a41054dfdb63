/**
 * The minimum shape kaudit relies on in an object read from a file (manifests, snapshots): checks
 * then never crash on `containers: null` or `ownerReferences: "x"`, and the user learns which
 * document is wrong instead of seeing controls in error. Objects from a live API server have it.
 */
import type { KObject } from './k8s.js';

/** A JSON object (not null, not an array). */
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value at `path` under `v`, walking mappings only; undefined where a step is missing or not a mapping. */
export const fieldAt = (v: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((at, key) => (isRecord(at) ? at[key] : undefined), v);

/** The list at `path` under `v`, or [] where there is none. */
export const listAt = (v: unknown, ...path: string[]): unknown[] => {
  const at = fieldAt(v, ...path);
  return Array.isArray(at) ? at : [];
};

/** The string at `path` under `v`, or undefined. */
export const textAt = (v: unknown, ...path: string[]): string | undefined => {
  const at = fieldAt(v, ...path);
  return typeof at === 'string' ? at : undefined;
};

/** What is wrong with the object, or undefined. */
export function shapeProblem(obj: KObject): string | undefined {
  if (!isRecord(obj.metadata)) return 'metadata must be a mapping';
  if (typeof obj.metadata.name !== 'string' || !obj.metadata.name) return 'metadata.name must be a non-empty string';
  for (const field of ['labels', 'annotations'] as const) {
    if (obj.metadata[field] !== undefined && obj.metadata[field] !== null && !isRecord(obj.metadata[field]))
      return `metadata.${field} must be a mapping`;
  }
  const owners = obj.metadata.ownerReferences;
  if (
    owners !== undefined &&
    owners !== null &&
    (!Array.isArray(owners) || owners.some((o) => !isRecord(o) || typeof o.kind !== 'string' || typeof o.name !== 'string'))
  ) {
    return 'metadata.ownerReferences must be a list of {kind, name}';
  }
  if (obj.spec !== undefined && obj.spec !== null && !isRecord(obj.spec)) return 'spec must be a mapping';
  for (const [path, spec] of podSpecs(obj)) {
    const problem = podSpecProblem(spec);
    if (problem) return `${path}${problem}`;
  }
  return undefined;
}

function podSpecs(obj: KObject): [string, unknown][] {
  if (obj.kind === 'Pod') return [['spec', obj.spec]];
  if (obj.kind === 'CronJob')
    return [['spec.jobTemplate.spec.template.spec', fieldAt(obj.spec, 'jobTemplate', 'spec', 'template', 'spec')]];
  if (['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job'].includes(obj.kind))
    return [['spec.template.spec', fieldAt(obj.spec, 'template', 'spec')]];
  return [];
}

const MAPPING_FIELDS = ['securityContext', 'resources'] as const;
const LIST_FIELDS = ['env', 'envFrom', 'ports', 'volumeMounts', 'command', 'args'] as const;

function podSpecProblem(spec: unknown): string | undefined {
  if (spec === undefined || spec === null) return undefined; // nothing to judge; checks skip it
  if (!isRecord(spec)) return ' must be a mapping';
  for (const list of ['containers', 'initContainers', 'ephemeralContainers', 'volumes'] as const) {
    const value = spec[list];
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value)) return `.${list} must be a list`;
    const i = value.findIndex((c) => !isRecord(c) || typeof c.name !== 'string');
    if (i >= 0) return `.${list}[${i}] must be a mapping with a name`;
    if (list === 'volumes') continue;
    // Indexed loops over constant field lists: this runs for every pod read (150,000 and their templates).
    const containers = value as Record<string, unknown>[];
    for (let j = 0; j < containers.length; j++) {
      const c = containers[j]!;
      for (const field of MAPPING_FIELDS)
        if (c[field] !== undefined && c[field] !== null && !isRecord(c[field])) return `.${list}[${j}].${field} must be a mapping`;
      for (const field of LIST_FIELDS)
        if (c[field] !== undefined && c[field] !== null && !Array.isArray(c[field])) return `.${list}[${j}].${field} must be a list`;
    }
  }
  if (spec.securityContext !== undefined && spec.securityContext !== null && !isRecord(spec.securityContext))
    return '.securityContext must be a mapping';
  return undefined;
}

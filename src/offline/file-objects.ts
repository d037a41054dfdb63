/**
 * An object read from a file (manifest or snapshot) on its way into the Inventory: the minimum shape
 * kaudit relies on (core/shape.ts), sanitizing, the Kubernetes schema of its kind
 * (schema-validation.ts), then the API server's defaults (defaults.ts). The schema is checked on the
 * sanitized object: what is dropped (managedFields, status, timestamps, Secret values) is never
 * judged, and it is most of the validation work (measured: bench/README.md).
 */
import type { KObject } from '../core/k8s.js';
import { apiVersionOf, resourceByKind, type ResourceType } from '../core/resources.js';
import { sanitizeObject } from '../core/sanitize.js';
import { shapeProblem } from '../core/shape.js';
import { applyDefaults, type DefaultingOptions } from './defaults.js';
import { schemaProblem } from './schema-validation.js';

/** The object as kept (not yet compacted), or the one line that says what is wrong with it. */
export function admitFileObject(type: ResourceType, obj: KObject, defaults: DefaultingOptions): { object: KObject } | { problem: string } {
  const shape = shapeProblem(obj);
  if (shape) return { problem: named(obj, shape) };
  const object = sanitizeObject(obj);
  const schema = schemaProblem(type.key, object, apiVersionOf(type));
  if (schema) return { problem: named(object, schema) };
  return { object: applyDefaults(object, type, defaults) };
}

function named(obj: KObject, problem: string): string {
  const name = typeof obj.metadata?.name === 'string' && obj.metadata.name ? ` ${obj.metadata.name}` : '';
  return `${obj.kind}${name}: ${problem}`;
}

/** Groups of Kubernetes itself: the core group, `apps`, `batch`, ... and `*.k8s.io`. A kind of another group is someone's CRD. */
const builtInGroup = (group: string): boolean => !group.includes('.') || group.endsWith('.k8s.io');

/**
 * A kind kaudit reads, written under another built-in group (`apiVersion: v1` with `kind: Deployment`):
 * the API server would not know it, so it is skipped, but said so. Undefined for anything else.
 */
export function wrongGroupWarning(obj: KObject): string | undefined {
  const type = resourceByKind(obj.kind);
  const group = obj.apiVersion.includes('/') ? obj.apiVersion.slice(0, obj.apiVersion.indexOf('/')) : '';
  if (!type || !builtInGroup(group)) return undefined;
  const name = typeof obj.metadata?.name === 'string' && obj.metadata.name ? ` ${obj.metadata.name}` : '';
  return `skipped ${obj.kind}${name}: apiVersion ${obj.apiVersion} does not serve ${obj.kind} (it is ${apiVersionOf(type)})`;
}

/**
 * OpenAPI v3 documents for the kinds served (`/openapi/v3`, `/openapi/v3/api/v1`,
 * `/openapi/v3/apis/{group}/{version}`), which `kubectl explain` reads. The schemas are derived from
 * @kubernetes/client-node's model metadata (each generated model's attributeTypeMap: field names,
 * types and formats of the Kubernetes OpenAPI document the client was generated from), so field
 * names and types are Kubernetes' own; descriptions are not in that metadata and are absent.
 * client-node is imported on the first OpenAPI request only (it costs about 0.5 s).
 */
import { RESOURCE_TYPES, type ResourceType } from '../core/resources.js';

interface Attribute {
  name: string;
  baseName: string;
  type: string;
  format: string;
}
type Model = { attributeTypeMap?: Attribute[]; getAttributeTypeMap?: () => Attribute[] };
type Schema = Record<string, unknown>;

/** A schema name as Kubernetes spells it for kubectl's type column (`V1ObjectMeta` -> `ObjectMeta`). */
const schemaName = (model: string): string => `io.k8s.kaudit.${model.replace(/^V\d+(?:alpha\d+|beta\d+)?/, '')}`;
const ref = (model: string): Schema => ({ $ref: `#/components/schemas/${schemaName(model)}` });

/** The client-node class of a served kind (`Pod` -> `V1Pod`). */
const modelOf = (t: ResourceType): string => `V1${t.kind}`;

async function loadModels(): Promise<Record<string, Model>> {
  return (await import('@kubernetes/client-node')) as unknown as Record<string, Model>;
}

let models: Promise<Record<string, Model>> | undefined;
const documents = new Map<string, string>();

/** The group-version paths with a document, and their documents (JSON text), built once per process. */
export const openApiPaths = (): string[] => [...new Set(RESOURCE_TYPES.map((t) => (t.group ? `apis/${t.group}/${t.version}` : `api/${t.version}`)))];

export function openApiIndex(): Record<string, unknown> {
  return { paths: Object.fromEntries(openApiPaths().map((p) => [p, { serverRelativeURL: `/openapi/v3/${p}` }])) };
}

/** The document of one group version (`api/v1`, `apis/apps/v1`), or undefined when none is served. */
export async function openApiDocument(path: string): Promise<string | undefined> {
  if (!openApiPaths().includes(path)) return undefined;
  const cached = documents.get(path);
  if (cached) return cached;
  const all = await (models ??= loadModels());
  const schemas: Record<string, Schema> = {};
  const add = (model: string): void => {
    const name = schemaName(model);
    if (schemas[name]) return;
    const m = all[model];
    const attributes = m?.getAttributeTypeMap?.() ?? m?.attributeTypeMap ?? [];
    const properties: Record<string, Schema> = {};
    schemas[name] = { type: 'object', properties };
    for (const a of attributes) properties[a.baseName] = typeSchema(a.type, a.format, add);
  };
  // kubectl explain finds a resource's kind through the get operation of its list path, then the schema through its kind.
  const paths: Record<string, unknown> = {};
  for (const t of RESOURCE_TYPES) {
    if ((t.group ? `apis/${t.group}/${t.version}` : `api/${t.version}`) !== path) continue;
    const gvk = { group: t.group, kind: t.kind, version: t.version };
    add(modelOf(t));
    const schema = schemas[schemaName(modelOf(t))];
    if (schema) schema['x-kubernetes-group-version-kind'] = [gvk];
    const get = { 'x-kubernetes-group-version-kind': gvk, responses: { '200': { content: { 'application/json': { schema: ref(modelOf(t)) } } } } };
    paths[`/${path}/${t.plural}/{name}`] = { get };
    if (t.namespaced) paths[`/${path}/namespaces/{namespace}/${t.plural}/{name}`] = { get };
  }
  const text = JSON.stringify({ openapi: '3.0.0', info: { title: 'Kubernetes', version: 'kaudit' }, paths, components: { schemas } });
  documents.set(path, text);
  return text;
}

/** One attributeTypeMap type as a schema; models it names are added through `add`. */
function typeSchema(type: string, format: string, add: (model: string) => void): Schema {
  const array = /^Array<(.+)>$/.exec(type);
  if (array?.[1] !== undefined) return { type: 'array', items: typeSchema(array[1], '', add) };
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map?.[1] !== undefined) return { type: 'object', additionalProperties: typeSchema(map[1], '', add) };
  switch (type) {
    case 'string':
      return format ? { type: 'string', format } : { type: 'string' };
    case 'Date':
      return { type: 'string', format: 'date-time' };
    case 'number':
      return format === 'int32' || format === 'int64' ? { type: 'integer', format } : { type: 'number', ...(format ? { format } : {}) };
    case 'boolean':
      return { type: 'boolean' };
    case 'IntOrString':
      return { 'x-kubernetes-int-or-string': true };
    case 'any':
    case 'object':
      return { type: 'object' };
    default:
      add(type);
      return ref(type);
  }
}


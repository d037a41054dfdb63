/**
 * OpenAPI v3 documents for the kinds served (`/openapi/v3`, `/openapi/v3/api/v1`,
 * `/openapi/v3/apis/{group}/{version}`), which `kubectl explain` reads, and the one OpenAPI v2
 * (Swagger 2.0) document of all of them (`/openapi/v2`), as JSON or, when asked for first, as the
 * gnostic protobuf client-go decodes (openapi-v2-protobuf.ts). The schemas are derived from
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

/** Where the two versions differ: where schemas live, and how int-or-string is written. */
interface Dialect {
  refPrefix: string;
  intOrString: Schema;
}
const V3: Dialect = { refPrefix: '#/components/schemas/', intOrString: { 'x-kubernetes-int-or-string': true } };
const V2: Dialect = { refPrefix: '#/definitions/', intOrString: { type: 'string', format: 'int-or-string' } };
const refIn =
  (d: Dialect) =>
  (model: string): Schema => ({ $ref: `${d.refPrefix}${schemaName(model)}` });

/** The client-node class of a served kind (`Pod` -> `V1Pod`). */
const modelOf = (t: ResourceType): string => `V1${t.kind}`;

async function loadModels(): Promise<Record<string, Model>> {
  return (await import('@kubernetes/client-node')) as unknown as Record<string, Model>;
}

let models: Promise<Record<string, Model>> | undefined;
const documents = new Map<string, string>();

/** The group-version paths with a document, and their documents (JSON text), built once per process. */
export const openApiPaths = (): string[] => [...new Set(RESOURCE_TYPES.map(groupVersionPath))];

export function openApiIndex(): Record<string, unknown> {
  return { paths: Object.fromEntries(openApiPaths().map((p) => [p, { serverRelativeURL: `/openapi/v3/${p}` }])) };
}

const groupVersionPath = (t: ResourceType): string => (t.group ? `apis/${t.group}/${t.version}` : `api/${t.version}`);

/** The schemas of `types` and everything they name, and their get paths, in one dialect. */
async function describe(
  types: readonly ResourceType[],
  d: Dialect,
): Promise<{ schemas: Record<string, Schema>; paths: Record<string, unknown> }> {
  const all = await (models ??= loadModels());
  const ref = refIn(d);
  const schemas: Record<string, Schema> = {};
  const add = (model: string): void => {
    const name = schemaName(model);
    if (schemas[name]) return;
    const m = all[model];
    const attributes = m?.getAttributeTypeMap?.() ?? m?.attributeTypeMap ?? [];
    const properties: Record<string, Schema> = {};
    schemas[name] = { type: 'object', properties };
    for (const a of attributes) properties[a.baseName] = typeSchema(a.type, a.format, add, d);
  };
  // kubectl explain finds a resource's kind through the get operation of its list path, then the schema through its kind.
  const paths: Record<string, unknown> = {};
  for (const t of types) {
    const prefix = groupVersionPath(t);
    const gvk = { group: t.group, kind: t.kind, version: t.version };
    add(modelOf(t));
    const schema = schemas[schemaName(modelOf(t))];
    if (schema) schema['x-kubernetes-group-version-kind'] = [gvk];
    const response =
      d === V3 ? { content: { 'application/json': { schema: ref(modelOf(t)) } } } : { description: 'OK', schema: ref(modelOf(t)) };
    const get = { 'x-kubernetes-group-version-kind': gvk, responses: { '200': response } };
    paths[`/${prefix}/${t.plural}/{name}`] = { get };
    if (t.namespaced) paths[`/${prefix}/namespaces/{namespace}/${t.plural}/{name}`] = { get };
  }
  return { schemas, paths };
}

/** The document of one group version (`api/v1`, `apis/apps/v1`), or undefined when none is served. */
export async function openApiDocument(path: string): Promise<string | undefined> {
  if (!openApiPaths().includes(path)) return undefined;
  const cached = documents.get(path);
  if (cached) return cached;
  const { schemas, paths } = await describe(
    RESOURCE_TYPES.filter((t) => groupVersionPath(t) === path),
    V3,
  );
  const text = JSON.stringify({ openapi: '3.0.0', info: { title: 'Kubernetes', version: 'kaudit' }, paths, components: { schemas } });
  documents.set(path, text);
  return text;
}

let v2Document: Promise<Record<string, unknown>> | undefined;

/** The OpenAPI v2 (Swagger 2.0) document of every kind of the table, as a JSON value (built once per process). */
export function openApiV2(): Promise<Record<string, unknown>> {
  return (v2Document ??= describe(RESOURCE_TYPES, V2).then(({ schemas, paths }) => ({
    swagger: '2.0',
    info: { title: 'Kubernetes', version: 'kaudit' },
    paths,
    definitions: schemas,
  })));
}

/** One attributeTypeMap type as a schema; models it names are added through `add`. */
function typeSchema(type: string, format: string, add: (model: string) => void, d: Dialect): Schema {
  const array = /^Array<(.+)>$/.exec(type);
  if (array?.[1] !== undefined) return { type: 'array', items: typeSchema(array[1], '', add, d) };
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map?.[1] !== undefined) return { type: 'object', additionalProperties: typeSchema(map[1], '', add, d) };
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
      return d.intOrString;
    case 'any':
    case 'object':
      return { type: 'object' };
    default:
      add(type);
      return refIn(d)(type);
  }
}

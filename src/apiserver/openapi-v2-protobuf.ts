/**
 * The OpenAPI v2 document as client-go asks for it first (`Accept:
 * application/com.github.proto-openapi.spec.v2@v1.0+protobuf`, or `.v2.v1.0+protobuf`): gnostic's openapi.v2.Document in
 * protobuf, which client-go decodes without a fallback to JSON. Only the parts openapi.ts writes are
 * encoded (swagger, info, paths with their get operation's 200 response and vendor extensions,
 * definitions; a schema's $ref, type, format, items, properties, additionalProperties and vendor
 * extensions), with protobufjs' wire writer. Field numbers are gnostic's openapiv2/OpenAPIv2.proto.
 */
import protobuf from 'protobufjs/minimal.js';
import { stringify } from 'yaml';

/** The media type answered (the `@` of the older spelling is not a token character: Go's mime parser refuses it). */
export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';
/** Both spellings client-go has asked for. */
export const asksOpenApiV2Protobuf = (mediaType: string): boolean =>
  mediaType.startsWith(OPENAPI_V2_PROTOBUF) || mediaType.startsWith('application/com.github.proto-openapi.spec.v2@v1.0+protobuf');

type Json = Record<string, unknown>;
type Writer = protobuf.Writer;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const LENGTH_DELIMITED = 2;

const str = (w: Writer, field: number, value: unknown): void => {
  if (typeof value === 'string' && value !== '') w.uint32((field << 3) | LENGTH_DELIMITED).string(value);
};
const msg = (w: Writer, field: number, body: (w: Writer) => void): void => {
  w.uint32((field << 3) | LENGTH_DELIMITED).fork();
  body(w);
  w.ldelim();
};

/** NamedAny{name, value: Any{yaml}} for each `x-` key (vendor extensions are kept as YAML text). */
function vendorExtensions(w: Writer, field: number, o: Json): void {
  for (const [name, value] of Object.entries(o)) {
    if (!name.startsWith('x-')) continue;
    msg(w, field, (n) => {
      str(n, 1, name);
      msg(n, 2, (a) => str(a, 2, stringify(value)));
    });
  }
}

/** openapi.v2.Schema. */
function schema(w: Writer, s: Json): void {
  str(w, 1, s.$ref);
  str(w, 2, s.format);
  str(w, 4, s.description);
  if (isObject(s.additionalProperties)) {
    const additional = s.additionalProperties;
    msg(w, 21, (a) => msg(a, 1, (x) => schema(x, additional)));
  }
  if (typeof s.type === 'string') {
    const type = s.type;
    msg(w, 22, (t) => str(t, 1, type));
  }
  if (isObject(s.items)) {
    const items = s.items;
    msg(w, 23, (i) => msg(i, 1, (x) => schema(x, items)));
  }
  if (isObject(s.properties)) {
    const properties = s.properties;
    msg(w, 25, (p) => namedSchemas(p, properties));
  }
  vendorExtensions(w, 31, s);
}

/** `repeated NamedSchema additional_properties = 1` (Properties, Definitions): {name, value: Schema} per entry. */
function namedSchemas(w: Writer, entries: Json): void {
  for (const [name, value] of Object.entries(entries)) {
    if (!isObject(value)) continue;
    msg(w, 1, (n) => {
      str(n, 1, name);
      msg(n, 2, (x) => schema(x, value));
    });
  }
}

/** openapi.v2.Operation: its 200 response and vendor extensions. */
function operation(w: Writer, op: Json): void {
  const responses = isObject(op.responses) ? op.responses : {};
  msg(w, 9, (r) => {
    for (const [code, response] of Object.entries(responses)) {
      if (!isObject(response)) continue;
      msg(r, 1, (named) => {
        str(named, 1, code);
        msg(named, 2, (value) =>
          msg(value, 1, (resp) => {
            str(resp, 1, response.description);
            if (isObject(response.schema)) {
              const s = response.schema;
              msg(resp, 2, (item) => msg(item, 1, (x) => schema(x, s)));
            }
          }),
        );
      });
    }
  });
  vendorExtensions(w, 13, op);
}

/** The Swagger 2.0 document (openapi.ts openApiV2) as an openapi.v2.Document. */
export function encodeOpenApiV2(doc: Json): Uint8Array {
  const w = protobuf.Writer.create();
  str(w, 1, doc.swagger);
  if (isObject(doc.info)) {
    const info = doc.info;
    msg(w, 2, (i) => {
      str(i, 1, info.title);
      str(i, 2, info.version);
    });
  }
  if (isObject(doc.paths)) {
    const paths = doc.paths;
    msg(w, 8, (p) => {
      for (const [name, item] of Object.entries(paths)) {
        if (!isObject(item) || !isObject(item.get)) continue;
        const get = item.get;
        msg(p, 2, (named) => {
          str(named, 1, name);
          msg(named, 2, (pathItem) => msg(pathItem, 2, (o) => operation(o, get)));
        });
      }
    });
  }
  if (isObject(doc.definitions)) {
    const definitions = doc.definitions;
    msg(w, 9, (d) => namedSchemas(d, definitions));
  }
  return w.finish();
}

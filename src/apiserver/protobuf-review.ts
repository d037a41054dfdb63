/**
 * The self-reviews as kubectl sends them: client-go posts built-in kinds as Kubernetes protobuf
 * (`Content-Type: application/vnd.kubernetes.protobuf`: the bytes `k8s\0`, then a runtime.Unknown
 * whose `raw` field holds the object). Only the fields a review reads are decoded, with protobufjs'
 * wire-format Reader, into the JSON shape the rest of the server takes; the answer is JSON, which
 * the client accepts as well.
 */
import protobuf from 'protobufjs/minimal.js';
import { badRequest } from './status.js';

export const PROTOBUF_TYPE = 'application/vnd.kubernetes.protobuf';
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** The length-delimited fields of one message by number (the last occurrence wins, as in protobuf). */
function fields(bytes: Uint8Array): Map<number, Uint8Array> {
  const reader = protobuf.Reader.create(bytes);
  const out = new Map<number, Uint8Array>();
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if ((tag & 7) === 2) out.set(tag >>> 3, reader.bytes());
    else reader.skipType(tag & 7);
  }
  return out;
}

const text = (b: Uint8Array | undefined): string | undefined => (b === undefined ? undefined : Buffer.from(b).toString('utf8'));

/** Field numbers of authorization/v1 (generated.proto). */
const RESOURCE_ATTRIBUTES = ['namespace', 'verb', 'group', 'version', 'resource', 'subresource', 'name'] as const;
const NON_RESOURCE_ATTRIBUTES = ['path', 'verb'] as const;

function strings(bytes: Uint8Array | undefined, names: readonly string[]): Record<string, string> | undefined {
  if (bytes === undefined) return undefined;
  const f = fields(bytes);
  const out: Record<string, string> = {};
  names.forEach((name, i) => {
    const value = text(f.get(i + 1));
    if (value !== undefined) out[name] = value;
  });
  return out;
}

/** A protobuf SelfSubjectAccessReview or SelfSubjectRulesReview as the JSON `{spec}` it stands for. */
export function reviewFromProtobuf(body: Buffer, review: 'selfsubjectaccessreviews' | 'selfsubjectrulesreviews'): unknown {
  if (!body.subarray(0, 4).equals(MAGIC)) throw badRequest('the request body is not Kubernetes protobuf (no k8s magic prefix)');
  try {
    const raw = fields(body.subarray(4)).get(2) ?? new Uint8Array();
    const spec = fields(raw).get(2) ?? new Uint8Array();
    if (review === 'selfsubjectrulesreviews') return { spec: strings(spec, ['namespace']) };
    const s = fields(spec);
    const resourceAttributes = strings(s.get(1), RESOURCE_ATTRIBUTES);
    const nonResourceAttributes = strings(s.get(2), NON_RESOURCE_ATTRIBUTES);
    return { spec: { ...(resourceAttributes ? { resourceAttributes } : {}), ...(nonResourceAttributes ? { nonResourceAttributes } : {}) } };
  } catch (e) {
    if (e instanceof RangeError || (e instanceof Error && /index out of range|invalid wire type/.test(e.message)))
      throw badRequest('the request body is not valid protobuf');
    throw e;
  }
}

/**
 * Writing large JSON without one giant string (V8 cannot hold a string over 512 MiB): a value is
 * turned into chunks lazily, containers near the root one entry at a time, deeper values with one
 * JSON.stringify each (src/io/output.ts writes the chunks to a stream), so only one entry is ever
 * text at once.
 */
/**
 * The text of JSON.stringify(value, null, indent), byte for byte, as a sequence of chunks.
 * Objects and arrays less than `depth` levels below the root are written entry by entry; each
 * value at `depth` is one JSON.stringify call. indent 0 is the compact form.
 */
export function* jsonChunks(value: unknown, opts: { indent: number; depth: number }): Generator<string> {
  const text = yield* entry(value, '', opts.indent, opts.depth, '');
  if (text !== undefined) yield text;
}

/** Writes `value` (under `key`, at the current nesting `pad`); returns its text when it is a leaf, to be yielded by the caller. */
function* entry(value: unknown, key: string, indent: number, depth: number, pad: string): Generator<string, string | undefined> {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function')
    value = (value as { toJSON(k: string): unknown }).toJSON(key);
  if (depth <= 0 || value === null || typeof value !== 'object') {
    const text = JSON.stringify(value, null, indent);
    return text === undefined || !indent || !pad ? text : text.replace(/\n/g, `\n${pad}`);
  }
  const inner = pad + ' '.repeat(indent);
  const open = indent ? `\n${inner}` : '';
  const sep = indent ? `,\n${inner}` : ',';
  const colon = indent ? ': ' : ':';
  const isArray = Array.isArray(value);
  let first = true;
  if (isArray) {
    const items = value as unknown[];
    for (let i = 0; i < items.length; i++) {
      yield first ? `[${open}` : sep;
      first = false;
      // As in JSON.stringify, what JSON cannot express (undefined, a function) is null in an array.
      yield (yield* entry(items[i], String(i), indent, depth - 1, inner)) ?? 'null';
    }
  } else {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      // ... and an object property holding it is left out.
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      yield `${first ? `{${open}` : sep}${JSON.stringify(k)}${colon}`;
      first = false;
      yield (yield* entry(v, k, indent, depth - 1, inner)) ?? 'null';
    }
  }
  if (first) return isArray ? '[]' : '{}';
  return `${indent ? `\n${pad}` : ''}${isArray ? ']' : '}'}`;
}

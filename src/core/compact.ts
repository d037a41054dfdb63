/**
 * How objects are kept in an Inventory: equal sub-objects share one copy (hash-consing).
 *
 * Pods of one ReplicaSet, DaemonSet or StatefulSet repeat their template almost field for field
 * (they differ in nodeName and hostname; the random name of the kube-api-access volume is fixed at
 * entry, src/core/token-volume.ts), and workloads repeat
 * probes, resources, security contexts and tolerations. Every nested object or array entering the
 * Inventory is replaced by an earlier equal one when there is one, so a 150,000-pod cluster keeps
 * each distinct container, volume or label map once. The Inventory stays plain data: values are
 * deep-equal to what was read, key order included, so JSON writes it byte for byte the same.
 *
 * Sharing means nothing may mutate an object after it entered an Inventory: checks are pure and
 * sanitizing happens before (sanitizeObject, then compactObject). Identity also becomes a cheap
 * equality test, which checks use to judge each distinct pod spec once (scan caches, src/core/scan-cache.ts).
 *
 * Short strings are shared the same way (sharedString): JSON.parse makes a new copy of every value.
 *
 * The table is a fixed array of two-entry buckets (a newcomer replaces the least recently used): bounded memory
 * whatever the cluster size, no string keys, O(1) per object. Hashes are computed bottom-up from the
 * children's hashes, and a hit is confirmed by a shallow comparison (children are canonical already,
 * so shallow equality is deep equality). A collision only costs a missed share, never a wrong one.
 *
 * Before that, a field two levels down in an object of a kind (a pod's spec.containers) is compared
 * with the same field of the previous object of that kind, and takes its copy when deep-equal: the
 * pods of one owner arrive one after another, and one comparison costs less than the walk.
 */

const SLOT_BITS = 20;
const MASK = (1 << SLOT_BITS) - 1;
/** Deeper than this, objects are kept as they are (bounded recursion on hostile input). */
const MAX_DEPTH = 64;

let table: (object | undefined)[] = new Array(2 << SLOT_BITS);

/**
 * Short strings are kept once too. JSON.parse makes a new string for every value it reads, so every
 * object carried its own "v1", "Pod", namespace and node name (about 40 bytes each, several per
 * object). One slot per hash: a newcomer replaces the string there (a miss costs a copy, never a
 * wrong value).
 */
const STRING_SLOT_BITS = 18;
const STRING_MASK = (1 << STRING_SLOT_BITS) - 1;
const MAX_SHARED_STRING = 64;
let strings: (string | undefined)[] = new Array(1 << STRING_SLOT_BITS);

function sharedString(s: string, h: number): string {
  const slot = h & STRING_MASK;
  const known = strings[slot];
  if (known === s) return known;
  strings[slot] = s;
  return s;
}
/** Hash of the value the last `canonical` call returned (avoids returning pairs). */
let lastHash = 0;
/** Seeds for values that are never shared (class instances, too deep): distinct hashes. */
let uniqueSeed = 0x9e3779b9;

const mix = (h: number, v: number): number => Math.imul(h ^ v, 0x5bd1e995) ^ (h >>> 15);

/** A hash of a string: short ones whole, longer ones by length, both ends and a stride (a collision only costs a missed share). */
function stringHash(s: string): number {
  const n = s.length;
  let h = Math.imul(0x811c9dc5 ^ n, 0x01000193);
  if (n <= 16) {
    for (let i = 0; i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return h;
  }
  for (let i = 0; i < 6; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  for (let i = n - 10; i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  const step = ((n - 16) >> 3) + 1;
  for (let i = 6; i < n - 10; i += step) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** Property names: a few characters are enough (objects of one kind share them, values tell them apart). */
function keyHash(key: string): number {
  const n = key.length;
  return n === 0 ? 0x2545f491 : (n << 21) ^ (key.charCodeAt(0) << 14) ^ (key.charCodeAt(n >> 1) << 7) ^ key.charCodeAt(n - 1);
}

function primitiveHash(v: unknown): number {
  switch (typeof v) {
    case 'string':
      return stringHash(v);
    case 'number':
      return Number.isInteger(v) ? mix(0x27d4eb2f, v | 0) ^ Math.floor(v / 4294967296) : stringHash(String(v));
    case 'boolean':
      return v ? 0x1b873593 : 0x0cc9e2d5;
    case 'undefined':
      return 0x3c6ef372;
    default:
      return v === null ? 0x6a09e667 : stringHash(String(v));
  }
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function sameShallow(a: object, b: object): boolean {
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  if (Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  // Same keys in the same order (JSON writes them in that order) with identical values.
  const keys = Object.keys(b);
  let i = 0;
  for (const key in a) {
    if (!Object.prototype.hasOwnProperty.call(a, key)) continue;
    if (key !== keys[i] || (a as Record<string, unknown>)[key] !== (b as Record<string, unknown>)[key]) return false;
    i++;
  }
  return i === keys.length;
}

/** Replaces the children of `value` by their canonical copies and sets `lastHash`; returns the hash. */
function shareChildren(value: object, depth: number): number {
  if (Array.isArray(value)) {
    let h = mix(0x5a5a5a5a, value.length);
    for (let i = 0; i < value.length; i++) {
      const child = canonical(value[i], depth + 1);
      // Equal strings are ===: a shared string is written whatever the comparison says.
      if (child !== value[i] || typeof child === 'string') value[i] = child;
      h = mix(h, lastHash);
    }
    return h;
  }
  let h = 0x7f4a7c15;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
    const own = record[key];
    const child = canonical(own, depth + 1);
    if (child !== own || typeof child === 'string') record[key] = child;
    h = mix(mix(h, keyHash(key)), lastHash);
  }
  return h;
}

function canonical(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') {
    lastHash = primitiveHash(value);
    return typeof value === 'string' && value.length <= MAX_SHARED_STRING ? sharedString(value, lastHash) : value;
  }
  if (depth > MAX_DEPTH || !(Array.isArray(value) || isPlainObject(value))) {
    lastHash = uniqueSeed = mix(uniqueSeed, 0x61c88647);
    return value;
  }
  return intern(value, shareChildren(value, depth));
}

/** The kept copy equal to `value` (whose children are canonical and whose hash is `h`), else `value`, now kept; sets `lastHash`. */
function intern(value: object, h: number): object {
  lastHash = h;
  // Two entries per bucket, most recently used first: an object in use keeps its place while the
  // one-off objects of each pod (its metadata, the path to its own token volume) pass through.
  const first = (h & MASK) << 1;
  const recent = table[first];
  if (recent !== undefined && recent !== value && sameShallow(recent, value)) return recent;
  const older = table[first + 1];
  if (older !== undefined && older !== value && sameShallow(older, value)) {
    table[first + 1] = recent;
    table[first] = older;
    return older;
  }
  table[first + 1] = recent;
  table[first] = value;
  return value;
}

/**
 * The previous object of the same kind, by field two levels down (`spec` → `containers`): its
 * canonical value there and that value's hash. Lists come sorted by namespace and name, so the pods
 * of one owner arrive one after another, and most of a pod's template fields equal the previous
 * pod's. Comparing with that one copy is cheaper than hashing the field and probing the table.
 */
type Kept = Map<string, { value: object; hash: number }>;
type Sibling = Map<string, Kept>;
let siblings = new Map<string, Sibling>();

/** Deep equality of a value being read (`a`) with a kept canonical one (`b`), key order included. */
function sameDeep(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null || depth > MAX_DEPTH) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameDeep(a[i], b[i], depth + 1)) return false;
    return true;
  }
  if (Array.isArray(b) || !isPlainObject(a) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const keys = Object.keys(b);
  let i = 0;
  for (const key in a) {
    if (!Object.prototype.hasOwnProperty.call(a, key)) continue;
    if (key !== keys[i] || !sameDeep((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], depth + 1)) return false;
    i++;
  }
  return i === keys.length;
}

/** shareChildren for a top-level section (metadata, spec, status) of an object of a kind, trying the previous sibling's fields first. */
function shareSection(section: Record<string, unknown>, previous: Kept): number {
  let h = 0x7f4a7c15;
  for (const key in section) {
    if (!Object.prototype.hasOwnProperty.call(section, key)) continue;
    const own = section[key];
    if (own !== null && typeof own === 'object') {
      const known = previous.get(key);
      if (known && sameDeep(own, known.value, 2)) {
        section[key] = known.value;
        h = mix(mix(h, keyHash(key)), known.hash);
        continue;
      }
      const child = canonical(own, 2);
      if (child !== own) section[key] = child;
      if (child !== null && typeof child === 'object') {
        // The entry is updated in place: a field that differs from pod to pod (status lists) allocates nothing.
        if (known) {
          known.value = child;
          known.hash = lastHash;
        } else previous.set(key, { value: child, hash: lastHash });
      }
    } else {
      const child = canonical(own, 2);
      if (typeof child === 'string') section[key] = child;
    }
    h = mix(mix(h, keyHash(key)), lastHash);
  }
  return h;
}

/**
 * Shares the nested objects of an object entering the Inventory with equal ones already kept. The
 * object itself is returned (an Inventory item is never replaced, only its contents); call after
 * sanitizeObject.
 */
export function compactObject<T extends object>(obj: T): T {
  if (obj === null || typeof obj !== 'object' || !(Array.isArray(obj) || isPlainObject(obj))) return obj;
  const kind = (obj as { kind?: unknown }).kind;
  if (typeof kind !== 'string') {
    shareChildren(obj, 0);
    return obj;
  }
  let sibling = siblings.get(kind);
  if (!sibling) siblings.set(kind, (sibling = new Map<string, Kept>()));
  const record = obj as Record<string, unknown>;
  for (const key in record) {
    if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
    const own = record[key];
    if (own !== null && typeof own === 'object' && !Array.isArray(own) && isPlainObject(own)) {
      let previous = sibling.get(key);
      if (!previous) sibling.set(key, (previous = new Map<string, { value: object; hash: number }>()));
      record[key] = intern(own, shareSection(own as Record<string, unknown>, previous));
    } else {
      const child = canonical(own, 1);
      if (child !== own || typeof child === 'string') record[key] = child;
    }
  }
  return obj;
}

/** Forgets every object kept for sharing (loadInventory once no read is in progress; tests). */
export function resetSharing(): void {
  siblings = new Map();
  table = new Array(2 << SLOT_BITS);
  strings = new Array(1 << STRING_SLOT_BITS);
}

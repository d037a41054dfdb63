/**
 * Memo tables of the checks that live for one scan, not as long as the Inventory.
 *
 * Checks share expensive derived data (pod-spec subjects, the RBAC index, the escalation graph, the
 * network-policy model, per-spec answers), memoised on Inventory objects. Kept in module-level
 * WeakMaps, those memos stay alive as long as anything holds the Inventory (at 50,000 pods about
 * 75 MiB beyond it). A `ScanCache` is such a WeakMap that the engine empties when the scan scope
 * ends (`withScanCaches`, around `runScan` and the report's network section): a later scan of the
 * same or another Inventory builds its memos again. Outside a scope (a check called on its own, in
 * tests or by `kaudit rbac`) it behaves as a plain WeakMap.
 *
 * The memos must be pure functions of their keys (no verdict may depend on whether a memo was kept).
 */
export class ScanCache<K extends object, V> {
  private map = new WeakMap<K, V>();

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  set(key: K, value: V): this {
    this.map.set(key, value);
    return this;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  /** Forgets every entry (a new, empty table: a WeakMap cannot be cleared). */
  clear(): void {
    this.map = new WeakMap();
  }
}

const caches: ScanCache<object, unknown>[] = [];
let depth = 0;

/** A memo table emptied when the scan scope ends (declare it at module level, once). */
export function scanCache<K extends object, V>(): ScanCache<K, V> {
  const cache = new ScanCache<K, V>();
  caches.push(cache as unknown as ScanCache<object, unknown>);
  return cache;
}

/** Empties every scan cache now. */
export function clearScanCaches(): void {
  for (const cache of caches) cache.clear();
}

/**
 * Runs one scan's synchronous evaluation; when the outermost scope ends (also by an exception),
 * every scan cache is emptied, so what the checks derived is garbage as soon as the result is built.
 */
export function withScanCaches<T>(fn: () => T): T {
  depth++;
  try {
    return fn();
  } finally {
    depth--;
    if (depth === 0) clearScanCaches();
  }
}

/**
 * Read access to the Inventory's collections in the order a real API server lists them (etcd key
 * order: namespace, then name), with namespace and name lookups. The index holds references, never
 * copies, and is rebuilt when a collection is replaced or its length changes (tests push objects).
 */
import type { Inventory } from '../core/inventory.js';
import type { KObject } from '../core/k8s.js';
import type { ResourceKey } from '../core/resources.js';

interface Index {
  source: KObject[];
  length: number;
  sorted: KObject[];
  byNamespace: Map<string, KObject[]>;
  byName: Map<string, KObject>;
}

const nsOf = (o: KObject): string => o.metadata?.namespace ?? '';
const keyOf = (namespace: string, name: string): string => `${namespace}/${name}`;

export class Store {
  private readonly indexes = new Map<ResourceKey, Index>();

  constructor(readonly inventory: Inventory) {}

  private index(key: ResourceKey): Index {
    const source = this.inventory[key] ?? [];
    const cached = this.indexes.get(key);
    if (cached && cached.source === source && cached.length === source.length) return cached;
    const keyed = source.map((o) => ({ k: keyOf(nsOf(o), o.metadata?.name ?? ''), o }));
    keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
    const sorted = keyed.map((e) => e.o);
    const byNamespace = new Map<string, KObject[]>();
    const byName = new Map<string, KObject>();
    for (const { k, o } of keyed) {
      const ns = nsOf(o);
      let list = byNamespace.get(ns);
      if (!list) byNamespace.set(ns, (list = []));
      list.push(o);
      byName.set(k, o);
    }
    const index = { source, length: source.length, sorted, byNamespace, byName };
    this.indexes.set(key, index);
    return index;
  }

  /** Every object of a kind, or those of one namespace, in list order. */
  list(key: ResourceKey, namespace?: string): readonly KObject[] {
    const index = this.index(key);
    return namespace === undefined ? index.sorted : (index.byNamespace.get(namespace) ?? []);
  }

  get(key: ResourceKey, namespace: string | undefined, name: string): KObject | undefined {
    return this.index(key).byName.get(keyOf(namespace ?? '', name));
  }
}

/**
 * Where manifest documents end up: each value is unwrapped (List kinds), checked for shape,
 * sanitized and kept in the Inventory, or skipped with a warning when it is not a Kubernetes object.
 * Kinds outside the resource table are skipped silently, except network-policy kinds kaudit does not
 * evaluate (src/core/unevaluated-netpol.ts), which are named; a CustomResourceDefinition of an optional
 * kind marks that kind served (of an unevaluated network-policy kind, names it).
 */
import { mustExist, UsageError } from '../core/errors.js';
import { emptyInventory, FACT_KEYS, type Inventory, type InventoryKey, type ObjectSource } from '../core/inventory.js';
import type { KObject } from '../core/k8s.js';
import { detectPlatform, findControlPlane } from '../core/platform.js';
import {
  apiVersionOf,
  atVersion,
  CONSTRAINTS_GROUP,
  CONSTRAINT_VERSIONS,
  OPTIONAL_TYPES,
  RESOURCE_KEYS,
  resourceByKind,
  type ResourceKey,
  type ResourceType,
} from '../core/resources.js';
import { constraintDigest } from '../core/gatekeeper.js';
import { noteUnevaluated, sortUnevaluated, UNEVALUATED_NETPOL_TABLE, unevaluatedOf } from '../core/unevaluated-netpol.js';
import { compactObject } from '../core/compact.js';
import { sanitizeSettings } from '../core/sanitize-settings.js';
import { DEFAULT_MANIFEST_NAMESPACE, type DefaultingOptions } from './defaults.js';
import { admitFileObject, wrongGroupWarning } from './file-objects.js';
import { newestPerNode, NODE_REPORT_KIND, parseNodeReport } from '../core/node-report.js';

/** Annotation naming the node a KubeletConfiguration document belongs to (else metadata.name). */
export const KUBELET_NODE_ANNOTATION = 'kaudit.io/node';

export interface LoadedManifests {
  inventory: Inventory;
  warnings: string[];
}

/** How much had been kept at some point, to take back a document's objects. */
export interface Mark {
  lengths: number[];
  kubelets: number;
  nodeReports: number;
  constraints: number;
  unevaluated: number;
  warnings: number;
}

export class ManifestInventory {
  readonly inventory: Inventory;
  readonly warnings: string[] = [];
  private readonly defaults: DefaultingOptions;

  constructor(inputs: string[], opts: Partial<DefaultingOptions> = {}) {
    this.inventory = emptyInventory({ type: 'manifests', inputs, collectedAt: new Date().toISOString() });
    this.defaults = { namespace: opts.namespace ?? DEFAULT_MANIFEST_NAMESPACE };
  }

  /** One document's value; `where` names it in warnings and errors ("file document 3"); `source` is where its objects were read. */
  addDocument(value: unknown, where: string, source?: ObjectSource): void {
    if (value !== null && value !== undefined) this.add(value, where, source); // else an empty document
  }

  /** One value: a List's items, or an object (else a warning). */
  add(value: unknown, where: string, source?: ObjectSource): void {
    for (const [obj, at] of unwrapLists(value, where)) {
      const key = addObject(this.inventory, obj, at, this.warnings, this.defaults);
      if (key && source) ((this.inventory.sources ??= {})[key] ??= [])[this.inventory[key].length - 1] = source;
    }
  }

  mark(): Mark {
    return {
      lengths: RESOURCE_KEYS.map((k) => this.inventory[k].length),
      kubelets: this.inventory.kubelets.length,
      nodeReports: this.inventory.nodeReports.length,
      constraints: this.inventory.gatekeeperConstraints.length,
      unevaluated: this.inventory.unevaluatedNetworkPolicyKinds.length,
      warnings: this.warnings.length,
    };
  }

  /** Drops what was kept since `mark` (objects are only ever appended). */
  rollback(mark: Mark): void {
    RESOURCE_KEYS.forEach((k, i) => {
      const length = mustExist(mark.lengths[i], `the mark's ${k} length`);
      this.inventory[k].length = length;
      const sources = this.inventory.sources?.[k];
      if (sources && sources.length > length) sources.length = length;
    });
    this.inventory.kubelets.length = mark.kubelets;
    this.inventory.nodeReports.length = mark.nodeReports;
    this.inventory.gatekeeperConstraints.length = mark.constraints;
    this.inventory.unevaluatedNetworkPolicyKinds.length = mark.unevaluated;
    this.warnings.length = mark.warnings;
  }

  finish(): LoadedManifests {
    // Manifests are the whole universe: every kind was "read", absence means none exists.
    this.inventory.collected.push(...RESOURCE_KEYS);
    finishOffline(this.inventory);
    return { inventory: this.inventory, warnings: this.warnings };
  }
}

/** Facts derived from the objects, shared by manifests and the demo. */
export function finishOffline(inv: Inventory): void {
  // An optional kind is served when the input holds one of its objects (or its CRD, see addObject).
  for (const r of OPTIONAL_TYPES) {
    const first = inv[r.key][0];
    if (inv.served[r.key] === undefined && first) inv.served[r.key] = servedVersion(r, first.apiVersion);
  }
  if (inv.served.gatekeeperConstraints === undefined && inv.gatekeeperConstraints.length)
    inv.served.gatekeeperConstraints = `${CONSTRAINTS_GROUP}/${CONSTRAINT_VERSIONS[0]}`;
  sortUnevaluated(inv.unevaluatedNetworkPolicyKinds);
  inv.platform = detectPlatform(inv.version, inv.nodes, inv.namespaces);
  inv.controlPlane = findControlPlane(inv.pods);
  inv.nodeReports = newestPerNode(inv.nodeReports);
  // The input is the whole universe: control plane and kubelets were "read" even when absent, and the
  // checks say what is missing (no static pod, no kubelet configuration): never a pass without them.
  // Node reports come with --node-report; without them the node checks say so.
  const facts: InventoryKey[] = ['controlPlane', 'kubelets', 'nodeReports', 'gatekeeperConstraints'];
  if (inv.version) facts.push('version');
  for (const f of facts) if (!inv.collected.includes(f)) inv.collected.push(f);
  inv.collected.sort((a, b) => order(a) - order(b));
}

const order = (k: InventoryKey): number => [...RESOURCE_KEYS, ...FACT_KEYS].indexOf(k as never);

/** The group version an optional kind is served at, given one it was written with: a version kaudit reads, else its preferred one. */
function servedVersion(r: ResourceType, apiVersion: string | undefined): string {
  const version = apiVersion?.slice(apiVersion.indexOf('/') + 1);
  return apiVersionOf(version && [r.version, ...(r.altVersions ?? [])].includes(version) ? atVersion(r, version) : r);
}

/** A CustomResourceDefinition of an optional kind: the kind is served (with or without objects). */
function noteServedCrd(inv: Inventory, crd: KObject): void {
  const spec = crd.spec as { group?: unknown; names?: { plural?: unknown }; versions?: { name?: unknown; served?: unknown }[] } | undefined;
  // A constraint kind's CRD (Gatekeeper creates one per ConstraintTemplate): the group is served.
  if (spec?.group === CONSTRAINTS_GROUP)
    return void (inv.served.gatekeeperConstraints ??= `${CONSTRAINTS_GROUP}/${CONSTRAINT_VERSIONS[0]}`);
  // A network-policy kind kaudit does not evaluate: named, at its first served version.
  const unevaluated = UNEVALUATED_NETPOL_TABLE.find((t) => t.group === spec?.group && t.resource === spec?.names?.plural);
  if (unevaluated) {
    const served = Array.isArray(spec?.versions)
      ? spec.versions.find((v) => v?.served !== false && typeof v?.name === 'string')
      : undefined;
    if (served) noteUnevaluated(inv.unevaluatedNetworkPolicyKinds, { ...unevaluated, version: served.name as string });
    return;
  }
  const r = OPTIONAL_TYPES.find((t) => t.group === spec?.group && t.plural === spec?.names?.plural);
  if (!r || inv.served[r.key] !== undefined) return;
  const versions = Array.isArray(spec?.versions) ? spec.versions.filter((v) => v?.served !== false).map((v) => v?.name) : [];
  const version = [r.version, ...(r.altVersions ?? [])].find((v) => versions.includes(v));
  if (version) inv.served[r.key] = apiVersionOf(atVersion(r, version));
}

/** `kind: List`, `PodList`, ...: a container whose items are read as documents of their own. */
export function isList(value: unknown): value is { items: unknown[] } {
  const v = value as { kind?: unknown; items?: unknown };
  return Boolean(v) && typeof v === 'object' && typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items);
}

function* unwrapLists(value: unknown, where: string): Generator<[unknown, string]> {
  if (!isList(value)) {
    yield [value, where];
    return;
  }
  for (const [i, item] of value.items.entries()) yield* unwrapLists(item, `${where} item ${i + 1}`);
}

/** Keeps one object; returns the collection it joined (nothing for facts, skipped kinds and warnings). */
function addObject(
  inv: Inventory,
  value: unknown,
  where: string,
  warnings: string[],
  defaults: DefaultingOptions,
): ResourceKey | undefined {
  const obj = value as KObject;
  // kaudit's own node reports (`kaudit node`) may travel with manifests; they are not API objects.
  if (obj && typeof obj === 'object' && obj.kind === NODE_REPORT_KIND && obj.apiVersion === undefined) {
    const parsed = parseNodeReport(detached(obj));
    if ('problem' in parsed) throw new UsageError(`manifests ${where}: NodeReport: ${parsed.problem}`);
    inv.nodeReports.push(parsed.report);
    return;
  }
  if (
    !obj ||
    typeof obj !== 'object' ||
    typeof obj.kind !== 'string' ||
    typeof obj.apiVersion !== 'string' ||
    !obj.metadata ||
    typeof obj.metadata !== 'object'
  ) {
    warnings.push(`${where}: skipped, not a Kubernetes object (needs apiVersion, kind and metadata)`);
    return;
  }
  if (obj.kind === 'KubeletConfiguration' && obj.apiVersion.startsWith('kubelet.config.k8s.io/')) {
    const { apiVersion: _a, kind: _k, metadata, ...config } = obj;
    const node = metadata.annotations?.[KUBELET_NODE_ANNOTATION] ?? metadata.name;
    if (!node)
      warnings.push(
        `${where}: skipped KubeletConfiguration without a node name (set metadata.name or the ${KUBELET_NODE_ANNOTATION} annotation)`,
      );
    else inv.kubelets.push({ node, config: detached(sanitizeSettings(config)) });
    return;
  }
  if (obj.kind === 'CustomResourceDefinition' && obj.apiVersion.startsWith('apiextensions.k8s.io/')) {
    noteServedCrd(inv, obj);
    return;
  }
  if (obj.apiVersion.startsWith(`${CONSTRAINTS_GROUP}/`)) {
    // A Gatekeeper constraint (any kind of the group): its digest, as a live read keeps it.
    const digest = constraintDigest(obj);
    if ('problem' in digest) throw new UsageError(`manifests ${where}: ${obj.kind}: ${digest.problem}`);
    inv.gatekeeperConstraints.push(detached(digest));
    return;
  }
  const type = resourceByKind(obj.kind, obj.apiVersion);
  const unevaluated = type ? undefined : unevaluatedOf(obj.apiVersion, obj.kind);
  if (unevaluated) return void noteUnevaluated(inv.unevaluatedNetworkPolicyKinds, unevaluated);
  if (!type) {
    // A kind kaudit does not audit (CRDs and the like) is skipped silently; a built-in kind under another group is named.
    const warning = wrongGroupWarning(obj);
    if (warning) warnings.push(`${where}: ${warning}`);
    return;
  }
  const admitted = admitFileObject(type, obj, defaults);
  if ('problem' in admitted) throw new UsageError(`manifests ${where}: ${admitted.problem}`);
  inv[type.key].push(compactObject(detached(admitted.object)));
  return type.key;
}

/**
 * A copy with strings of its own. Parsers hand out strings that are slices of the text they read
 * (V8 keeps the whole parent string alive for a slice): kept as they are, a few names per 1 MiB
 * piece would keep every piece of the input in memory, 4x what the objects need.
 */
const detached = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

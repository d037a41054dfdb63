/**
 * Manifests (files, directories, stdin; multi-document YAML or JSON; *List kinds unwrapped) to an
 * Inventory, so a chart's rendered output is scanned like a cluster. Kinds outside the resource
 * table are skipped; documents that are not Kubernetes objects are skipped with a warning.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { UsageError } from '../core/errors.js';
import { emptyInventory, FACT_KEYS, type Inventory, type InventoryKey } from '../core/inventory.js';
import type { KObject } from '../core/k8s.js';
import { detectPlatform, findControlPlane } from '../core/platform.js';
import { RESOURCE_KEYS, resourceByKind } from '../core/resources.js';
import { sanitizeObject } from '../core/sanitize.js';
import { sanitizeSettings } from '../core/sanitize-settings.js';
import { shapeProblem } from '../core/shape.js';

/** Annotation naming the node a KubeletConfiguration document belongs to (else metadata.name). */
export const KUBELET_NODE_ANNOTATION = 'kaudit.io/node';

export interface ManifestInput {
  /** File path, or '-' for stdin. */
  name: string;
  text: string;
}

export interface LoadedManifests {
  inventory: Inventory;
  warnings: string[];
}

/** Reads paths (files, directories recursively, '-' for stdin) into named texts. */
export function readManifestInputs(paths: string[], readStdin: () => string = () => readFileSync(0, 'utf8')): ManifestInput[] {
  const inputs: ManifestInput[] = [];
  for (const path of paths) {
    if (path === '-') {
      inputs.push({ name: '<stdin>', text: readStdin() });
      continue;
    }
    let stat;
    try {
      stat = statSync(path);
    } catch {
      throw new UsageError(`manifests ${path}: no such file or directory`);
    }
    if (stat.isDirectory()) {
      const files = walk(path).filter((f) => /\.(ya?ml|json)$/i.test(f));
      if (!files.length) throw new UsageError(`manifests ${path}: directory holds no .yaml, .yml or .json file`);
      for (const f of files) inputs.push({ name: f, text: readFileSync(f, 'utf8') });
    } else {
      inputs.push({ name: path, text: readFileSync(path, 'utf8') });
    }
  }
  return inputs;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

export function inventoryFromManifests(inputs: ManifestInput[]): LoadedManifests {
  const inv = emptyInventory({ type: 'manifests', inputs: inputs.map((i) => i.name), collectedAt: new Date().toISOString() });
  const warnings: string[] = [];
  for (const input of inputs) {
    const docs = parseAllDocuments(input.text, { prettyErrors: true });
    docs.forEach((doc, index) => {
      if (doc.errors.length) {
        const e = doc.errors[0];
        const line = e.linePos?.[0]?.line;
        throw new UsageError(`manifests ${input.name}${line ? `:${line}` : ''}: not valid YAML or JSON (${e.message.split('\n')[0]})`);
      }
      const value = doc.toJS({ maxAliasCount: 1000 });
      if (value === null || value === undefined) return; // empty document
      for (const obj of unwrapLists(value)) addObject(inv, obj, `${input.name} document ${index + 1}`, warnings);
    });
  }
  // Manifests are the whole universe: every kind was "read", absence means none exists.
  inv.collected.push(...RESOURCE_KEYS);
  finishOffline(inv);
  return { inventory: inv, warnings };
}

/** Facts derived from the objects, shared by manifests and the demo. */
export function finishOffline(inv: Inventory): void {
  inv.platform = detectPlatform(inv.version, inv.nodes, inv.namespaces);
  inv.controlPlane = findControlPlane(inv.pods);
  // The input is the whole universe: control plane and kubelets were "read" even when absent, and the
  // checks say what is missing (no static pod, no kubelet configuration): never a pass without them.
  const facts: InventoryKey[] = ['controlPlane', 'kubelets'];
  if (inv.version) facts.push('version');
  for (const f of facts) if (!inv.collected.includes(f)) inv.collected.push(f);
  inv.collected.sort((a, b) => order(a) - order(b));
}

const order = (k: InventoryKey): number => [...RESOURCE_KEYS, ...FACT_KEYS].indexOf(k as never);

function* unwrapLists(value: unknown): Generator<unknown> {
  const v = value as { kind?: unknown; items?: unknown };
  if (v && typeof v === 'object' && typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items)) {
    for (const item of v.items) yield* unwrapLists(item);
  } else {
    yield value;
  }
}

function addObject(inv: Inventory, value: unknown, where: string, warnings: string[]): void {
  const obj = value as KObject;
  if (!obj || typeof obj !== 'object' || typeof obj.kind !== 'string' || typeof obj.apiVersion !== 'string' || !obj.metadata || typeof obj.metadata !== 'object') {
    warnings.push(`${where}: skipped, not a Kubernetes object (needs apiVersion, kind and metadata)`);
    return;
  }
  if (obj.kind === 'KubeletConfiguration' && obj.apiVersion.startsWith('kubelet.config.k8s.io/')) {
    const { apiVersion: _a, kind: _k, metadata, ...config } = obj;
    const node = metadata.annotations?.[KUBELET_NODE_ANNOTATION] ?? metadata.name;
    if (!node) warnings.push(`${where}: skipped KubeletConfiguration without a node name (set metadata.name or the ${KUBELET_NODE_ANNOTATION} annotation)`);
    else inv.kubelets.push({ node, config: sanitizeSettings(config) });
    return;
  }
  const type = resourceByKind(obj.kind, obj.apiVersion);
  if (!type) return; // a kind kaudit does not audit (CRDs and the like)
  const problem = shapeProblem(obj);
  if (problem) throw new UsageError(`manifests ${where}: ${obj.kind} ${typeof obj.metadata.name === 'string' ? obj.metadata.name : ''}: ${problem}`.replace(':  :', ':'));
  inv[type.key].push(sanitizeObject(obj));
}

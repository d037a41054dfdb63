/**
 * Snapshots: an Inventory saved as JSON (collect once, scan many times). Objects were sanitized as
 * they were read; they are sanitized again on load, so a hand-edited snapshot cannot smuggle values in.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { readProblem, UsageError } from '../core/errors.js';
import { INVENTORY_KEYS, INVENTORY_VERSION, type Inventory } from '../core/inventory.js';
import { RESOURCE_KEYS } from '../core/resources.js';
import { sanitizeObject } from '../core/sanitize.js';
import { sanitizeSettings } from '../core/sanitize-settings.js';
import { shapeProblem } from '../core/shape.js';

export function writeSnapshot(file: string, inv: Inventory): void {
  try {
    writeFileSync(file, JSON.stringify(inv) + '\n');
  } catch (err) {
    throw new UsageError(`--output ${file}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

export function readSnapshot(file: string): Inventory {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`snapshot ${file}: ${readProblem(err)}`);
  }
  let inv: Inventory;
  try {
    inv = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`snapshot ${file}: not valid JSON (${(err as Error).message})`);
  }
  if (!inv || typeof inv !== 'object' || inv.inventoryVersion !== INVENTORY_VERSION) {
    throw new UsageError(`snapshot ${file}: not a kaudit snapshot of version ${INVENTORY_VERSION} (inventoryVersion is ${JSON.stringify((inv as Partial<Inventory> | null)?.inventoryVersion)})`);
  }
  const bad = (where: string, problem: string): never => {
    throw new UsageError(`snapshot ${file}: ${where} ${problem}`);
  };
  for (const key of RESOURCE_KEYS) {
    if (!Array.isArray(inv[key])) bad(`"${key}"`, 'is missing or not a list');
    inv[key].forEach((o, i) => {
      const problem = !o || typeof o !== 'object' ? 'must be an object' : shapeProblem(o);
      if (problem) bad(`${key}[${i}]`, problem);
    });
    inv[key] = inv[key].map(sanitizeObject);
  }
  for (const key of ['collected', 'coverage', 'kubelets', 'controlPlane'] as const) if (!Array.isArray(inv[key])) bad(`"${key}"`, 'is missing or not a list');
  for (const key of inv.collected) if (!INVENTORY_KEYS.includes(key)) bad('"collected"', `names unknown key "${key}"`);
  inv.coverage.forEach((c, i) => {
    if (!c || typeof c !== 'object' || typeof c.key !== 'string' || typeof c.reason !== 'string') bad(`coverage[${i}]`, 'must be {key, kind, status, reason}');
  });
  inv.kubelets.forEach((k, i) => {
    if (!k || typeof k !== 'object' || typeof k.node !== 'string' || !k.config || typeof k.config !== 'object' || Array.isArray(k.config)) bad(`kubelets[${i}]`, 'must be {node, config}');
    k.config = sanitizeSettings(k.config);
  });
  inv.controlPlane.forEach((c, i) => {
    if (!c || typeof c !== 'object' || typeof c.component !== 'string' || !c.pod || typeof c.pod !== 'object' || !c.flags || typeof c.flags !== 'object') bad(`controlPlane[${i}]`, 'must be {component, pod, flags}');
    c.flags = sanitizeSettings(c.flags);
  });
  inv.source = { ...inv.source, type: 'snapshot', inputs: [file] };
  return inv;
}


/**
 * Snapshots: an Inventory saved as JSON (collect once, scan many times). Objects were sanitized as
 * they were read; they are sanitized again on load, so a hand-edited snapshot cannot smuggle values in.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { UsageError } from '../core/errors.js';
import { INVENTORY_KEYS, INVENTORY_VERSION, type Inventory } from '../core/inventory.js';
import { RESOURCE_KEYS } from '../core/resources.js';
import { sanitizeObject } from '../core/sanitize.js';

export function writeSnapshot(file: string, inv: Inventory): void {
  writeFileSync(file, JSON.stringify(inv) + '\n');
}

export function readSnapshot(file: string): Inventory {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`snapshot ${file}: no such file`);
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
  for (const key of RESOURCE_KEYS) {
    if (!Array.isArray(inv[key])) throw new UsageError(`snapshot ${file}: "${key}" is missing or not a list`);
    inv[key] = inv[key].map(sanitizeObject);
  }
  for (const key of inv.collected ?? []) {
    if (!INVENTORY_KEYS.includes(key)) throw new UsageError(`snapshot ${file}: unknown collected key "${key}"`);
  }
  inv.coverage ??= [];
  inv.kubelets ??= [];
  inv.controlPlane ??= [];
  inv.source = { ...inv.source, type: 'snapshot', inputs: [file] };
  return inv;
}

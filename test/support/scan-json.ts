import { loadCatalog } from '../../src/pipeline/registry.js';
import type { Inventory } from '../../src/core/inventory.js';
import { runScan } from '../../src/engine/scan.js';
import { loadProfiles } from '../../src/profiles/load.js';

/** Every shipped profile's scan of `inventory` as JSON, without the timing fields: equal inventories give equal text. */
export function scanJson(inventory: Inventory): string {
  const result = runScan({
    inventory,
    profiles: loadProfiles(),
    registry: loadCatalog().checks,
    startedAt: new Date(0),
    now: new Date(0),
    toolVersion: 'test',
  });
  const { finishedAt: _f, durationMs: _d, ...scan } = result.scan;
  return JSON.stringify({ ...result, scan });
}

/** The bundled demo cluster (src/demo/cluster/*.yaml): a kubeadm v1.33 cluster with the usual mistakes. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Inventory } from '../core/inventory.js';
import { packageRoot } from '../io/package-root.js';
import { finishOffline, inventoryFromManifests, readManifestInputs } from '../offline/manifests.js';
import { readNodeReportFiles } from '../offline/node-reports.js';

export const DEMO_VERSION = { major: '1', minor: '33', gitVersion: 'v1.33.4', platform: 'linux/amd64' };

export const demoClusterDir = (): string => join(packageRoot(), 'src', 'demo', 'cluster');

/** What the node agent reported on the demo's three nodes (one line of JSON each, as in the agent's log). */
export function demoNodeReportFiles(): string[] {
  const dir = join(demoClusterDir(), 'node-reports');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => join(dir, f));
}

export function demoInventory(): Inventory {
  const { inventory } = inventoryFromManifests(readManifestInputs([demoClusterDir()]));
  inventory.version = DEMO_VERSION;
  inventory.nodeReports = readNodeReportFiles(demoNodeReportFiles());
  finishOffline(inventory);
  return inventory;
}

/** The bundled demo cluster (src/demo/cluster/*.yaml): a kubeadm v1.33 cluster with the usual mistakes. */
import { join } from 'node:path';
import type { Inventory } from '../core/inventory.js';
import { packageRoot } from '../core/package-root.js';
import { finishOffline, inventoryFromManifests, readManifestInputs } from '../offline/manifests.js';

export const DEMO_VERSION = { major: '1', minor: '33', gitVersion: 'v1.33.4', platform: 'linux/amd64' };

export const demoClusterDir = (): string => join(packageRoot(), 'src', 'demo', 'cluster');

export function demoInventory(): Inventory {
  const { inventory } = inventoryFromManifests(readManifestInputs([demoClusterDir()]));
  inventory.version = DEMO_VERSION;
  finishOffline(inventory);
  return inventory;
}

/**
 * What `/version` answers: the snapshot's recorded version; for manifests (which record none) the
 * tag of the kube-apiserver static pod's image (`registry.k8s.io/kube-apiserver:v1.31.2`), as that is
 * the version the input describes; else the server's default.
 */
import type { Inventory, ServerVersion } from '../core/inventory.js';

const RELEASE_TAG = /^v(\d+)\.(\d+)\.(\d+)(?:[-+][0-9A-Za-z.+-]*)?$/;

export function servedVersion(inv: Inventory, fallback: ServerVersion): ServerVersion {
  if (inv.version) return inv.version;
  const apiserver = inv.controlPlane.find((c) => c.component === 'kube-apiserver');
  const pod = apiserver && inv.pods.find((p) => p.metadata.name === apiserver.pod.name && p.metadata.namespace === apiserver.pod.namespace);
  const containers: unknown[] = Array.isArray(pod?.spec?.containers) ? pod.spec.containers : [];
  for (const c of containers) {
    const image = (c as { image?: unknown }).image;
    if (typeof image !== 'string' || !/(^|\/)kube-apiserver(-[a-z0-9]+)?:/.test(image)) continue;
    const tag = image.slice(image.lastIndexOf(':') + 1).split('@')[0] ?? '';
    const [, major, minor] = RELEASE_TAG.exec(tag) ?? [];
    if (major !== undefined && minor !== undefined) return { major, minor, gitVersion: tag, platform: fallback.platform };
  }
  return fallback;
}

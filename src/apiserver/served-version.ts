/**
 * What `/version` answers: what the input says. The tag of the kube-apiserver static pod's image
 * (`registry.k8s.io/kube-apiserver:v1.31.2`) when there is one, as that is the server the input
 * describes; otherwise the snapshot's recorded version (manifests record none; a snapshot whose
 * /version read was refused records `unknown`); else the server's default.
 */
import type { Inventory, ServerVersion } from '../core/inventory.js';

const RELEASE_TAG = /^v(\d+)\.(\d+)\.(\d+)(?:[-+][0-9A-Za-z.+-]*)?$/;

export function servedVersion(inv: Inventory, fallback: ServerVersion): ServerVersion {
  const recorded = inv.version && inv.version.gitVersion !== 'unknown' ? inv.version : undefined;
  const apiserver = inv.controlPlane.find((c) => c.component === 'kube-apiserver');
  const pod = apiserver && inv.pods.find((p) => p.metadata.name === apiserver.pod.name && p.metadata.namespace === apiserver.pod.namespace);
  const containers: unknown[] = Array.isArray(pod?.spec?.containers) ? pod.spec.containers : [];
  for (const c of containers) {
    const image = (c as { image?: unknown }).image;
    // The name without a digest (`kube-apiserver:v1.31.2@sha256:...`): the tag is after its last colon.
    const name = typeof image === 'string' ? image.slice(0, image.includes('@') ? image.indexOf('@') : undefined) : '';
    if (!/(^|\/)kube-apiserver(-[a-z0-9]+)?:[^/]*$/.test(name)) continue;
    const tag = name.slice(name.lastIndexOf(':') + 1);
    const m = RELEASE_TAG.exec(tag);
    if (m) return { major: m[1] ?? '', minor: m[2] ?? '', gitVersion: tag, platform: recorded?.platform ?? fallback.platform };
  }
  return recorded ?? fallback;
}

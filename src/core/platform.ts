/**
 * Platform and control-plane facts derived from what was read: version strings, node labels and
 * provider IDs, and the static (mirror) pods of the control plane. Pure, so live, manifest and
 * snapshot inputs derive them the same way.
 */
import type { ComponentInstance, ControlPlaneComponent, Platform, ServerVersion } from './inventory.js';
import { CONTROL_PLANE_COMPONENTS } from './inventory.js';
import type { KObject } from './k8s.js';
import { parseFlags } from './command-flags.js';
import { sanitizeSettings } from './sanitize-settings.js';
import { fieldAt, isRecord, listAt, textAt } from './shape.js';

export function detectPlatform(version: ServerVersion | undefined, nodes: KObject[], namespaces: KObject[] = []): Platform {
  const git = version?.gitVersion ?? '';
  const providerIds = nodes.map((n) => String(fieldAt(n.spec, 'providerID') ?? ''));
  const labels = nodes.flatMap((n) => Object.keys(n.metadata.labels ?? {}));
  if (/-eks-/.test(git) || (providerIds.some((p) => p.startsWith('aws://')) && labels.some((l) => l.startsWith('eks.amazonaws.com/'))))
    return 'eks';
  if (/-gke\./.test(git) || labels.some((l) => l.startsWith('cloud.google.com/gke'))) return 'gke';
  // Self-managed clusters on Azure VMs have azure:// provider ids too; AKS nodes also carry its cluster label.
  if (providerIds.some((p) => p.startsWith('azure://')) && labels.includes('kubernetes.azure.com/cluster')) return 'aks';
  if (/\+k3s/.test(git)) return 'k3s';
  if (/\+rke2/.test(git)) return 'rke2';
  if (labels.some((l) => l.startsWith('node.openshift.io/')) || namespaces.some((n) => n.metadata.name === 'openshift-apiserver'))
    return 'openshift';
  if (
    labels.includes('node-role.kubernetes.io/control-plane') ||
    nodes.some((n) => n.metadata.annotations?.['kubeadm.alpha.kubernetes.io/cri-socket'])
  )
    return 'kubeadm';
  return 'unknown';
}

/** Annotation the kubelet puts on the API copy (mirror pod) of a static pod it runs from a file or URL. */
export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

/**
 * A mirror pod: the API server's read-only copy of a kubelet static pod (kube-apiserver, etcd, ...).
 * Static pods cannot use service accounts: the ServiceAccount admission plugin gives a mirror pod no
 * account and rejects one that names an account or mounts a token. Safe on unvalidated objects.
 */
export function isMirrorPod(object: KObject): boolean {
  if (object.kind !== 'Pod') return false;
  const annotations: unknown = (object.metadata as { annotations?: unknown } | undefined)?.annotations;
  return (
    typeof annotations === 'object' &&
    annotations !== null &&
    typeof (annotations as Record<string, unknown>)[MIRROR_POD_ANNOTATION] === 'string'
  );
}

/** Control-plane components run as static pods in kube-system (kubeadm, RKE2, kops). */
export function findControlPlane(pods: KObject[]): ComponentInstance[] {
  const found: ComponentInstance[] = [];
  for (const pod of pods) {
    if (pod.metadata.namespace !== 'kube-system') continue;
    const component = componentOf(pod);
    if (!component) continue;
    const containers = listAt(pod.spec, 'containers');
    const container = containers.find((c) => textAt(c, 'name') === component) ?? containers[0];
    if (!isRecord(container)) continue;
    found.push({
      component,
      pod: { namespace: 'kube-system', name: pod.metadata.name, node: textAt(pod.spec, 'nodeName') },
      // The pod was sanitized already; flags are settings like any other (a URL password in --etcd-servers).
      flags: sanitizeSettings(parseFlags([...listAt(container, 'command'), ...listAt(container, 'args')])),
    });
  }
  return found.sort((a, b) => a.component.localeCompare(b.component) || a.pod.name.localeCompare(b.pod.name));
}

function componentOf(pod: KObject): ControlPlaneComponent | undefined {
  const label = pod.metadata.labels?.component ?? pod.metadata.labels?.['k8s-app'];
  if ((CONTROL_PLANE_COMPONENTS as readonly string[]).includes(label ?? '')) return label as ControlPlaneComponent;
  // Static pods are named <component>-<node>.
  return CONTROL_PLANE_COMPONENTS.find(
    (c) => pod.metadata.name.startsWith(`${c}-`) && pod.metadata.annotations?.['kubernetes.io/config.source'] === 'file',
  );
}

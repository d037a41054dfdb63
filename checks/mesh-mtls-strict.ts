import { defineCheck, needsReview } from '../src/core/check.js';
import { isSystemNamespace, servedState } from '../src/core/inventory.js';
import type { KObject } from '../src/core/k8s.js';
import { fieldAt, textAt } from '../src/core/shape.js';
import { podLevelSubjects, POD_SPEC_KEYS, type PodSpecSubject } from './_shared/workloads.js';

const ISTIO_ROOT = 'istio-system';
const MESH_NAMESPACES = new Set([ISTIO_ROOT, 'istio-ingress', 'linkerd', 'linkerd-viz']);

interface Subject {
  namespace: string;
  object?: KObject;
  mesh?: 'Istio' | 'Linkerd';
  /** Istio's effective mTLS mode for the namespace, and where it comes from. */
  mode?: string;
  source?: string;
}

const hasContainer = (s: PodSpecSubject, name: string): boolean =>
  (s.spec.containers ?? []).concat(s.spec.initContainers ?? []).some((c) => c.name === name);
const linkerdPod = (s: PodSpecSubject): boolean =>
  s.meta.annotations?.['linkerd.io/inject'] === 'enabled' || hasContainer(s, 'linkerd-proxy');
const istioPod = (s: PodSpecSubject): boolean => s.meta.labels?.['sidecar.istio.io/inject'] === 'true' || hasContainer(s, 'istio-proxy');
const istioNamespace = (ns: KObject | undefined): boolean => {
  const l = ns?.metadata.labels ?? {};
  return l['istio-injection'] === 'enabled' || l['istio.io/rev'] !== undefined || l['istio.io/dataplane-mode'] === 'ambient';
};

/** A PeerAuthentication without a selector sets the mode of its namespace (of the mesh, in the root namespace). */
const namespaceMode = (pas: KObject[], namespace: string): string | undefined =>
  textAt(
    pas.find((p) => p.metadata.namespace === namespace && !Object.keys(fieldAt(p.spec, 'selector', 'matchLabels') ?? {}).length)?.spec,
    'mtls',
    'mode',
  );

export default defineCheck({
  meta: {
    id: 'mesh-mtls-strict',
    title: 'Pod-to-pod traffic is mutually authenticated and encrypted (mesh mTLS in STRICT mode)',
    description:
      "Without mutual TLS, any pod that reaches another can read and forge its traffic. Rule: where a service mesh is in use, every namespace with workloads (outside system and mesh namespaces) must be in the mesh, and under Istio its effective PeerAuthentication mode (the namespace's policy without a selector, else the mesh-wide one in istio-system, else PERMISSIVE) must be STRICT. Linkerd encrypts meshed traffic by default: a namespace is meshed when it or all its workloads are annotated linkerd.io/inject: enabled (or run linkerd-proxy). Istio membership: the istio-injection=enabled, istio.io/rev or ambient label on the namespace, or sidecars on every workload. Without any mesh the control is manual: encryption may come from the CNI (Cilium or Calico WireGuard, IPsec), which the API does not show.",
    severity: 'medium',
    requires: ['namespaces', 'peerAuthentications', ...POD_SPEC_KEYS],
    // A mesh-wide PeerAuthentication lives in the mesh's root namespace (istio-system).
    dataNamespaces: 'all',
    judgesAbsence: ['peerAuthentications'],
    messages: {
      notMeshed: 'Namespace {{namespace}} runs workloads outside the {{mesh}} mesh: their traffic is not mutually authenticated',
      notStrict: 'Namespace {{namespace}} is in the Istio mesh with mTLS mode {{mode}} ({{source}}): plaintext traffic is still accepted',
    },
    remediation:
      'Enrol every application namespace in the mesh (istio-injection=enabled or ambient; linkerd.io/inject: enabled) and set a mesh-wide PeerAuthentication in istio-system with mtls.mode: STRICT, after checking every client is meshed.',
    references: [
      'https://istio.io/latest/docs/tasks/security/authentication/mtls-migration/',
      'https://linkerd.io/2/features/automatic-mtls/',
      'NSA/CISA Kubernetes Hardening Guide: encrypt traffic',
    ],
    example: `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: istio-system}
spec: {mtls: {mode: PERMISSIVE}}
---
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio-injection: enabled}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: 'web:1'}]}`,
  },
  select(inv) {
    const workloads = new Map<string, PodSpecSubject[]>();
    for (const s of podLevelSubjects(inv)) {
      const ns = s.object.metadata.namespace;
      if (!ns || isSystemNamespace(ns) || MESH_NAMESPACES.has(ns)) continue;
      const list = workloads.get(ns);
      if (list) list.push(s);
      else workloads.set(ns, [s]);
    }
    const nsByName = new Map(inv.namespaces.map((n) => [n.metadata.name, n]));
    const linkerdNs = (ns: string) =>
      nsByName.get(ns)?.metadata.annotations?.['linkerd.io/inject'] === 'enabled' || (workloads.get(ns) ?? []).every(linkerdPod);
    const istioNs = (ns: string) => istioNamespace(nsByName.get(ns)) || (workloads.get(ns) ?? []).every(istioPod);
    const names = [...workloads.keys()].sort();
    const linkerd = names.some(linkerdNs) || inv.namespaces.some((n) => n.metadata.name === 'linkerd');
    const istio = servedState(inv, 'peerAuthentications') === 'served' || names.some(istioNs);
    if (!linkerd && !istio)
      return needsReview(
        'no service mesh found (Istio PeerAuthentication not served, no Linkerd or Istio injection): pod-to-pod encryption can only come from the CNI (Cilium or Calico WireGuard, IPsec); review it',
      );
    const meshWide = namespaceMode(inv.peerAuthentications, ISTIO_ROOT);
    return names.map((namespace): Subject => {
      const object = nsByName.get(namespace);
      if (linkerd && linkerdNs(namespace)) return { namespace, object, mesh: 'Linkerd' };
      if (istio && istioNs(namespace)) {
        const own = namespaceMode(inv.peerAuthentications, namespace);
        const mode = (own && own !== 'UNSET' ? own : meshWide) ?? 'PERMISSIVE';
        const source =
          own && own !== 'UNSET'
            ? `PeerAuthentication in ${namespace}`
            : meshWide
              ? `mesh-wide PeerAuthentication in ${ISTIO_ROOT}`
              : 'Istio default';
        return { namespace, object, mesh: 'Istio', mode, source };
      }
      return { namespace, object };
    });
  },
  resourceOf: (s: Subject) => ({ apiVersion: 'v1', kind: 'Namespace', name: s.namespace }),
  evaluate(s: Subject, ctx) {
    if (!s.mesh) {
      ctx.report({
        messageId: 'notMeshed',
        data: { namespace: s.namespace, mesh: 'service' },
        observed: 'not in the mesh',
        expected: 'every workload in the mesh',
      });
      return;
    }
    if (s.mesh === 'Istio' && s.mode !== 'STRICT')
      ctx.report({
        messageId: 'notStrict',
        data: { namespace: s.namespace, mode: s.mode, source: s.source },
        observed: `mtls.mode ${s.mode} (${s.source})`,
        expected: 'mtls.mode STRICT',
      });
  },
});

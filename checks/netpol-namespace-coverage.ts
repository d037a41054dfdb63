import { defineCheck, notAssessed } from '../src/core/check.js';
import type { KObject } from '../src/core/k8s.js';

/** Namespaces the control plane owns; workloads there are rarely covered by policies of their own. */
const DEFAULT_SKIP = ['kube-system', 'kube-public', 'kube-node-lease'];

export default defineCheck({
  meta: {
    id: 'netpol-namespace-coverage',
    title: 'Every namespace has a NetworkPolicy',
    description:
      'Without any NetworkPolicy in a namespace, every pod in it accepts traffic from every pod in the cluster and may reach anything. A default-deny policy per namespace is the baseline CIS 5.3.2 asks for.',
    severity: 'medium',
    requires: ['namespaces', 'networkPolicies'],
    // The finding is the absence of a policy: unread policies must not look like none.
    judgesAbsence: ['networkPolicies'],
    messages: { none: 'namespace {{namespace}} has no NetworkPolicy' },
    remediation:
      'Add a default-deny NetworkPolicy (podSelector: {}, policyTypes: [Ingress, Egress]) to the namespace, then allow the flows the workloads need. Check that the CNI enforces NetworkPolicies.',
    references: ['CIS Kubernetes Benchmark 5.3.2', 'https://kubernetes.io/docs/concepts/services-networking/network-policies/'],
    options: {
      defaults: { skipNamespaces: DEFAULT_SKIP },
      schema: { type: 'object', properties: { skipNamespaces: { type: 'array', items: { type: 'string' } } }, additionalProperties: false },
    },
    example: `apiVersion: v1
kind: Namespace
metadata: {name: legacy}   # and no NetworkPolicy in namespace legacy`,
  },
  select: (inv, options) => {
    // Manifests without Namespace objects (a chart's output): which namespaces exist is unknown.
    if (!inv.namespaces.length) return notAssessed('no Namespace object was read, so no namespace can be judged');
    const skip = new Set(options.skipNamespaces as string[]);
    const covered = new Set(inv.networkPolicies.map((p) => p.metadata.namespace));
    return inv.namespaces.filter((n) => !skip.has(n.metadata.name)).map((object) => ({ object, covered: covered.has(object.metadata.name) }));
  },
  evaluate({ object, covered }: { object: KObject; covered: boolean }, ctx) {
    if (covered) return;
    const name = object.metadata.name;
    ctx.report({ messageId: 'none', data: { namespace: name }, observed: '0 NetworkPolicies', expected: 'at least one NetworkPolicy (default deny)' });
  },
});

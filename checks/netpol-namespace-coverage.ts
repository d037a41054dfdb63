import { defineCheck, notAssessed } from '../src/core/check.js';
import type { KObject } from '../src/core/k8s.js';
import { skippedSet, skipNamespacesOption } from './_shared/netpol-checks.js';
import { unevaluatedCaveat, unevaluatedSuffix } from '../src/core/unevaluated-netpol.js';
import { isolationText, namespaceIsolation, NETPOL_SUMMARY_KEYS, type NamespaceIsolation } from './_shared/netpol-summary.js';

export default defineCheck({
  meta: {
    id: 'netpol-namespace-coverage',
    title: 'Every namespace has a NetworkPolicy',
    description:
      'Without any NetworkPolicy in a namespace, every pod in it accepts traffic from every pod in the cluster and may reach anything. A default-deny policy per namespace is the baseline CIS 5.3.2 asks for.',
    severity: 'medium',
    // Pods give the evidence (pods isolated / total); the audit itself is a policy per namespace (CIS 5.3.2).
    requires: NETPOL_SUMMARY_KEYS,
    // The finding is the absence of a policy: unread policies must not look like none.
    judgesAbsence: ['networkPolicies'],
    messages: { none: 'namespace {{namespace}} has no NetworkPolicy ({{pods}} pods, {{isolated}})' },
    remediation:
      'Add a default-deny NetworkPolicy (podSelector: {}, policyTypes: [Ingress, Egress]) to the namespace, then allow the flows the workloads need. Check that the CNI enforces NetworkPolicies.',
    references: ['CIS Kubernetes Benchmark 5.3.2', 'https://kubernetes.io/docs/concepts/services-networking/network-policies/'],
    options: skipNamespacesOption,
    example: `apiVersion: v1
kind: Namespace
metadata: {name: legacy}   # and no NetworkPolicy in namespace legacy`,
    caveat: unevaluatedCaveat,
  },
  select: (inv, options) => {
    // Manifests without Namespace objects (a chart's output): which namespaces exist is unknown.
    if (!inv.namespaces.length) return notAssessed('no Namespace object was read, so no namespace can be judged');
    const skip = skippedSet(options);
    const rows = new Map(namespaceIsolation(inv).map((r) => [r.namespace, r]));
    return inv.namespaces.filter((n) => !skip.has(n.metadata.name)).map((object) => ({ object, row: rows.get(object.metadata.name)! }));
  },
  evaluate({ row }: { object: KObject; row: NamespaceIsolation }, ctx) {
    if (row.policies) return;
    // Cilium or Calico policies may isolate pods of a namespace without NetworkPolicy: CIS 5.3.2 still fails, the message does not say "none isolated".
    const text =
      row.ingressIsolated || row.egressIsolated
        ? `${row.ingressIsolated} isolated for ingress and ${row.egressIsolated} for egress by Cilium or Calico policies`
        : 'none isolated';
    ctx.report({
      messageId: 'none',
      data: { namespace: row.namespace, pods: row.pods, isolated: text },
      observed: `0 NetworkPolicies; ${isolationText(row)}${unevaluatedSuffix(ctx.inventory.unevaluatedNetworkPolicyKinds)}`,
      expected: 'at least one NetworkPolicy (default deny)',
    });
  },
});

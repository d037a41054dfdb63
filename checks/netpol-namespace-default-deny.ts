import { defineCheck, notAssessed } from '../src/core/check.js';
import type { KObject } from '../src/core/k8s.js';
import { skippedSet, skipNamespacesOption } from './_shared/netpol-checks.js';
import { POLICY_KEYS, policyCountText, type Direction } from './_shared/netpol-model.js';
import { unevaluatedCaveat, unevaluatedSuffix } from '../src/core/unevaluated-netpol.js';
import { isolationText, namespaceIsolation, NETPOL_SUMMARY_KEYS, type NamespaceIsolation } from './_shared/netpol-summary.js';

interface Subject {
  object: KObject;
  row: NamespaceIsolation;
}

const TYPE: Record<Direction, string> = { ingress: 'Ingress', egress: 'Egress' };

export default defineCheck({
  meta: {
    id: 'netpol-namespace-default-deny',
    title: 'Every namespace isolates its pods by default',
    description:
      'Start with deny-all, then allow: a NetworkPolicy with podSelector: {} and Ingress (Egress) in policyTypes, or a Cilium/Calico policy selecting ' +
      'every pod ({} / all()) that isolates ingress (egress), isolates every pod of the namespace, ' +
      'including pods created later, so a new workload is closed until a policy allows its flows. A namespace passes a direction when such a policy exists ' +
      '(with no rule it denies everything; with allow rules it still isolates every pod). Egress is required too unless the option requireEgress is false. ' +
      'The evidence gives the pods isolated / total in each direction.',
    severity: 'medium',
    requires: ['namespaces', ...NETPOL_SUMMARY_KEYS],
    judgesAbsence: POLICY_KEYS,
    messages: {
      noDefaultDeny: 'namespace {{namespace}} has no default-deny {{type}} policy ({{isolation}})',
    },
    remediation:
      'Add `podSelector: {}` policies with policyTypes [Ingress] and [Egress] and no rules to the namespace (allow DNS egress to kube-dns), then add policies allowing the flows each workload needs.',
    references: [
      'https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies',
      'NSA/CISA Kubernetes Hardening Guide: network separation',
    ],
    options: {
      defaults: { ...skipNamespacesOption.defaults, requireEgress: true },
      schema: {
        ...skipNamespacesOption.schema,
        properties: { ...skipNamespacesOption.schema.properties, requireEgress: { type: 'boolean' } },
      },
    },
    example: `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}   # only web is isolated; no podSelector: {} policy
  ingress: [{ports: [{port: 8080}]}]`,
    caveat: unevaluatedCaveat,
  },
  select(inv, options) {
    if (!inv.namespaces.length) return notAssessed('no Namespace object was read, so no namespace can be judged');
    const skip = skippedSet(options);
    const rows = new Map(namespaceIsolation(inv).map((r) => [r.namespace, r]));
    return inv.namespaces
      .filter((n) => !skip.has(n.metadata.name))
      .map((object): Subject => ({ object, row: rows.get(object.metadata.name)! }));
  },
  evaluate({ row }: Subject, ctx) {
    const directions: Direction[] = ctx.options.requireEgress === false ? ['ingress'] : ['ingress', 'egress'];
    for (const d of directions) {
      if (row.defaultDeny[d] !== 'none') continue;
      ctx.report({
        messageId: 'noDefaultDeny',
        data: { namespace: row.namespace, type: TYPE[d], isolation: isolationText(row) },
        observed: `${policyCountText(row.policies, row.crdPolicies)}, none with podSelector: {} (or a Cilium/Calico selector of every pod) and ${TYPE[d]} in policyTypes${unevaluatedSuffix(ctx.inventory.unevaluatedNetworkPolicyKinds)}`,
        expected: `a NetworkPolicy with podSelector: {} and policyTypes including ${TYPE[d]}, or a Cilium/Calico policy selecting every pod that isolates ${d}`,
      });
    }
  },
});

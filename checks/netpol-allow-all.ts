import { defineCheck } from '../src/core/check.js';
import { unevaluatedCaveat } from '../src/core/unevaluated-netpol.js';
import { allowsEverything, DIRECTIONS, netpolModel, NETPOL_KEYS, type CompiledPolicy } from './_shared/netpol-model.js';

export default defineCheck({
  meta: {
    id: 'netpol-allow-all',
    title: 'NetworkPolicies do not allow all traffic',
    description:
      'A rule that allows every peer on every port undoes the isolation of the pods its policy selects, often silently next to a default deny ' +
      '(policies add up: one allow-all rule wins). A rule is reported when it has no ports and its peers are everything: `from`/`to` missing or empty ' +
      '(a `{}` rule), a peer with namespaceSelector: {} and no (or an empty) podSelector (every pod in every namespace), or an ipBlock of 0.0.0.0/0 or ::/0 ' +
      'without except. Rules that open everything on named ports only are not reported. Cilium and Calico policies are judged the same way when their CRDs ' +
      'are served (Cilium: entity all, cluster or world, or a rule with neither peers nor ports is none; Calico: an Allow rule without source or destination ' +
      'constraints, unless a Deny or Pass rule comes before it in the same policy).',
    severity: 'medium',
    requires: NETPOL_KEYS,
    messages: {
      allowAll: '{{kind}} {{name}} allows {{direction}} {{fromTo}} {{what}} on every port ({{direction}} rule {{rule}})',
    },
    remediation: 'Replace the rule by peers and ports the selected pods need; to open a public entry point, restrict it to its port.',
    references: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/#allow-all-ingress-traffic'],
    example: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-everything, namespace: shop}
spec:
  podSelector: {}
  ingress: [{}]`,
    caveat: unevaluatedCaveat,
  },
  select: (inv) => [...netpolModel(inv).policies],
  evaluate(policy: CompiledPolicy, ctx) {
    for (const direction of DIRECTIONS) {
      for (const rule of policy[direction] ?? []) {
        const what = allowsEverything(rule);
        if (!what) continue;
        ctx.report({
          messageId: 'allowAll',
          data: {
            kind: policy.object.kind,
            name: policy.object.metadata.name,
            direction,
            fromTo: direction === 'ingress' ? 'from' : 'to',
            what,
            rule: rule.index,
          },
          path: `${policy.specPath ?? '/spec'}/${direction}/${rule.index}`,
          observed: `${direction === 'ingress' ? 'from' : 'to'} ${what}, every port`,
          expected: 'named peers (pod, namespace selectors or address blocks) and ports',
        });
      }
    }
  },
});

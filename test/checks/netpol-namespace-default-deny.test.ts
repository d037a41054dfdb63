import { describe, it } from '@jest/globals';
import defaultDeny from '../../checks/netpol-namespace-default-deny.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { cluster, isolated, workload } from '../support/netpol-cases.js';

/** Namespace shop and a Calico policy selecting every pod there, with these rules (and Egress in types). */
const calicoAll = (rules: string) => `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: crd.projectcalico.org/v1
kind: NetworkPolicy
metadata: {name: all, namespace: shop}
spec: {selector: all(), types: [Ingress, Egress], ${rules}}
`;

describe('netpol-namespace-default-deny', () => {
  new CheckTester(defaultDeny).register(
    {
      pass: [
        { name: 'a {} policy isolating both directions, with allow rules', yaml: isolated },
        { name: 'a Calico all() policy with no rule denies both directions', yaml: calicoAll('ingress: [], egress: []') },
      ],
      fail: [
        {
          name: 'the selector-form fixture',
          yaml: cluster,
          findings: [
            {
              messageId: 'noDefaultDeny',
              resource: 'Namespace/shop',
              message: 'namespace shop has no default-deny Egress policy (5/5 pods isolated for ingress, 2/5 for egress)',
              observed: '5 NetworkPolicies, none with podSelector: {} (or a Cilium/Calico selector of every pod) and Egress in policyTypes',
            },
            ...['ops', 'ops', 'jobs', 'jobs', 'open', 'open'].map((ns) => ({ messageId: 'noDefaultDeny', resource: `Namespace/${ns}` })),
          ],
        },
        {
          name: 'a Calico Pass of everything is no default deny; the evidence counts the Calico policy apart',
          yaml: calicoAll('ingress: [{action: Pass}], egress: [{action: Pass}]'),
          findings: ['Ingress', 'Egress'].map((type) => ({
            messageId: 'noDefaultDeny',
            resource: 'Namespace/shop',
            observed: `0 NetworkPolicies and 1 Cilium/Calico policies, none with podSelector: {} (or a Cilium/Calico selector of every pod) and ${type} in policyTypes`,
          })),
        },
        {
          name: 'egress not required by option',
          yaml: cluster,
          options: { requireEgress: false },
          findings: ['ops', 'jobs', 'open'].map((ns) => ({ messageId: 'noDefaultDeny', resource: `Namespace/${ns}` })),
        },
      ],
      unjudgeable: [
        {
          name: 'Cilium policies unreadable: a pod they may isolate is not called open',
          yaml: cluster,
          inventory: (inv) =>
            inv.coverage.push({ key: 'ciliumNetworkPolicies', kind: 'CiliumNetworkPolicy', status: 403, reason: 'Forbidden' }),
          status: 'not-assessed',
        },
        { name: 'no Namespace object', yaml: workload('{podSelector: {}}'), status: 'not-assessed' },
        {
          name: 'policies unreadable somewhere',
          yaml: cluster,
          inventory: (inv) =>
            inv.coverage.push({ key: 'networkPolicies', kind: 'NetworkPolicy', namespace: 'ops', status: 403, reason: 'Forbidden' }),
          status: 'not-assessed',
        },
      ],
    },
    it,
  );
});

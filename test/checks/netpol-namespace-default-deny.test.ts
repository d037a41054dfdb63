import { describe, it } from '@jest/globals';
import defaultDeny from '../../checks/netpol-namespace-default-deny.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { cluster, isolated, workload } from '../support/netpol-cases.js';

describe('netpol-namespace-default-deny', () => {
  new CheckTester(defaultDeny).register(
    {
      pass: [{ name: 'a {} policy isolating both directions, with allow rules', yaml: isolated }],
      fail: [
        {
          name: 'the selector-form fixture',
          yaml: cluster,
          findings: [
            {
              messageId: 'noDefaultDeny',
              resource: 'Namespace/shop',
              message: 'namespace shop has no default-deny Egress policy (5/5 pods isolated for ingress, 2/5 for egress)',
              observed: '5 NetworkPolicies, none with podSelector: {} and Egress in policyTypes',
            },
            ...['ops', 'ops', 'jobs', 'jobs', 'open', 'open'].map((ns) => ({ messageId: 'noDefaultDeny', resource: `Namespace/${ns}` })),
          ],
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

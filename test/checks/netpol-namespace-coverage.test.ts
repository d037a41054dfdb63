import { describe, it } from '@jest/globals';
import check from '../../checks/netpol-namespace-coverage.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const covered = `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress]}
`;

describe('netpol-namespace-coverage', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'every namespace has a policy', yaml: covered },
        { name: 'legacy skipped by option', fixture: 'mixed.yaml', options: { skipNamespaces: ['legacy', 'kube-system'] } },
      ],
      fail: [
        {
          fixture: 'mixed.yaml',
          findings: [
            {
              messageId: 'none',
              resource: 'Namespace/legacy',
              message: 'namespace legacy has no NetworkPolicy (0 pods, none isolated)',
              observed: '0 NetworkPolicies; 0/0 pods isolated for ingress, 0/0 for egress',
            },
          ],
        },
        {
          name: 'kube-system judged when not skipped',
          fixture: 'mixed.yaml',
          options: { skipNamespaces: [] },
          findings: [
            { messageId: 'none', resource: 'Namespace/kube-system' },
            { messageId: 'none', resource: 'Namespace/legacy' },
          ],
        },
      ],
      unjudgeable: [
        {
          name: 'no Namespace object in the input',
          yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: a}\nspec: {containers: [{name: c, image: x}]}\n',
          status: 'not-assessed',
        },
        {
          name: 'NetworkPolicies could not be read in one namespace: no namespace is judged',
          fixture: 'mixed.yaml',
          inventory: (inv) =>
            inv.coverage.push({ key: 'networkPolicies', kind: 'NetworkPolicy', namespace: 'legacy', status: 403, reason: 'Forbidden' }),
          status: 'not-assessed',
        },
      ],
    },
    it,
  );
});

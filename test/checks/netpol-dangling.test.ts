import { describe, it } from '@jest/globals';
import dangling from '../../checks/netpol-dangling.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { cluster, workload } from '../support/netpol-cases.js';

describe('netpol-dangling', () => {
  new CheckTester(dangling).register(
    {
      pass: [
        { name: 'selects the Deployment template', yaml: workload('{podSelector: {matchLabels: {tier: front}}}') },
        {
          name: '{} is never dangling',
          yaml: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: d, namespace: empty}\nspec: {podSelector: {}}\n',
        },
      ],
      fail: [
        {
          name: 'the selector-form fixture',
          yaml: cluster,
          findings: [
            {
              messageId: 'selectsNothing',
              resource: 'NetworkPolicy/ops/malformed',
              path: '/spec/podSelector',
              observed: 'a malformed selector (matches nothing)',
            },
          ],
        },
        {
          name: 'a typo in the label',
          yaml: workload('{podSelector: {matchLabels: {app: wbe}}}'),
          findings: [
            {
              messageId: 'selectsNothing',
              resource: 'NetworkPolicy/shop/p',
              path: '/spec/podSelector',
              message: 'NetworkPolicy p selects no pod or workload in namespace shop',
              observed: '0 of 2 label sets in namespace shop match',
            },
          ],
        },
      ],
      unjudgeable: [
        {
          name: 'pods unreadable',
          yaml: cluster,
          inventory: (inv) => inv.coverage.push({ key: 'pods', kind: 'Pod', namespace: 'ops', status: 403, reason: 'Forbidden' }),
          status: 'not-assessed',
        },
      ],
    },
    it,
  );
});

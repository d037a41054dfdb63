import { describe, it } from '@jest/globals';
import allowAll from '../../checks/netpol-allow-all.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { cluster, isolated, webDeployment, workload } from '../support/netpol-cases.js';

describe('netpol-allow-all', () => {
  new CheckTester(allowAll).register(
    {
      pass: [
        { name: 'DNS egress only', yaml: isolated },
        { name: 'everyone, but on one port', yaml: workload('{podSelector: {}, ingress: [{ports: [{port: 443}]}]}') },
        {
          name: 'a Calico Pass of every address hands it to the next tier: not an allow-all',
          yaml: `${webDeployment}
---
apiVersion: crd.projectcalico.org/v1
kind: NetworkPolicy
metadata: {name: pass, namespace: shop}
spec: {selector: all(), ingress: [{action: Pass, source: {nets: [0.0.0.0/0]}}, {action: Allow, source: {nets: [0.0.0.0/0]}}]}
`,
        },
      ],
      fail: [
        {
          name: 'the selector-form fixture',
          yaml: cluster,
          findings: [
            {
              messageId: 'allowAll',
              resource: 'NetworkPolicy/ops/appless',
              path: '/spec/ingress/0',
              message: 'NetworkPolicy appless allows ingress from any peer on every port (ingress rule 0)',
            },
            {
              messageId: 'allowAll',
              resource: 'NetworkPolicy/ops/internal',
              path: '/spec/egress/0',
              message: 'NetworkPolicy internal allows egress to every pod in every namespace on every port (egress rule 0)',
            },
          ],
        },
        {
          name: '0.0.0.0/0 without except; with except it is not everything',
          yaml: workload(
            '{podSelector: {}, policyTypes: [Egress], egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8}}]}, {to: [{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}}]}, {to: [{ipBlock: {cidr: 0.0.0.0/0}}]}]}',
          ),
          findings: [
            { messageId: 'allowAll', resource: 'NetworkPolicy/shop/p', path: '/spec/egress/2', observed: 'to every address, every port' },
          ],
        },
      ],
    },
    it,
  );
});

import { describe, it } from '@jest/globals';
import dangling from '../../checks/netpol-dangling.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { cluster, workload } from '../support/netpol-cases.js';

/** The Deployment shop/web (selected by the NetworkPolicy p) and a GlobalNetworkPolicy selecting app == 'gone', which no pod has. */
const globalGone = `${workload('{podSelector: {matchLabels: {tier: front}}}')}
---
apiVersion: crd.projectcalico.org/v1
kind: GlobalNetworkPolicy
metadata: {name: gone}
spec: {selector: "app == 'gone'", ingress: [{action: Allow}]}
`;

describe('netpol-dangling', () => {
  new CheckTester(dangling).register(
    {
      pass: [
        { name: 'selects the Deployment template', yaml: workload('{podSelector: {matchLabels: {tier: front}}}') },
        {
          name: '{} is never dangling',
          yaml: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: d, namespace: empty}\nspec: {podSelector: {}}\n',
        },
        {
          name: 'a Cilium selector on reserved: labels targets the ingress proxy, not pods',
          yaml: `${workload('{podSelector: {matchLabels: {tier: front}}}')}
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: to-ingress, namespace: shop}
spec: {endpointSelector: {matchLabels: {'reserved:ingress': ''}}, ingress: [{}]}
`,
        },
        {
          name: 'a cluster-wide policy is not judged when the scan is limited to some namespaces (-n)',
          yaml: globalGone,
          inventory: (inv) => (inv.source.namespaces = ['shop']),
        },
        {
          name: 'nor with --exclude-namespace',
          yaml: globalGone,
          inventory: (inv) => (inv.source.excludedNamespaces = ['ops']),
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
        {
          name: 'a cluster-wide policy selecting no pod, the whole cluster scanned',
          yaml: globalGone,
          findings: [
            {
              messageId: 'selectsNothing',
              resource: 'GlobalNetworkPolicy/gone',
              path: '/spec/selector',
              message: 'GlobalNetworkPolicy gone selects no pod or workload in any namespace',
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

import { describe, it } from '@jest/globals';
import ingress from '../../checks/netpol-workload-ingress-isolation.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { cluster, isolated, pod, workload } from '../support/netpol-cases.js';

describe('netpol-workload-ingress-isolation', () => {
  new CheckTester(ingress).register(
    {
      pass: [
        { name: 'default deny for both directions', yaml: isolated },
        { name: 'hostNetwork pods are outside NetworkPolicy', yaml: workload('{podSelector: {matchLabels: {app: web}}}') },
      ],
      fail: [
        {
          name: 'the selector-form fixture',
          yaml: cluster,
          findings: ['jobs/export', 'jobs/other', 'ops/operator', 'open/anything'].map((p) => ({
            messageId: 'notIsolated',
            resource: pod(...(p.split('/') as [string, string])),
            path: '/metadata/labels',
          })),
        },
        {
          name: 'an Egress-only policy does not isolate ingress (a Deployment template)',
          yaml: workload('{podSelector: {matchLabels: {tier: front}}, policyTypes: [Egress]}'),
          findings: [
            {
              messageId: 'notIsolated',
              resource: 'Deployment/shop/web',
              path: '/spec/template/metadata/labels',
              message:
                'Deployment web accepts connections from any pod and any address: no NetworkPolicy with Ingress in policyTypes selects its pods',
              observed: 'labels {app=web,tier=front}: 1 NetworkPolicies in namespace shop, none selects them for ingress',
            },
          ],
        },
        {
          name: 'a workload pod with a debug container is reported once, through its Deployment',
          fixture: 'fail-workload-pod-with-debug-container.yaml',
          findings: [{ messageId: 'notIsolated', resource: 'Deployment/shop/api', path: '/spec/template/metadata/labels' }],
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
      ],
    },
    it,
  );
});

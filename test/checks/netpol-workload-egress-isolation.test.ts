import { describe, it } from '@jest/globals';
import egress from '../../checks/netpol-workload-egress-isolation.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { cluster, isolated, pod, workload } from '../support/netpol-cases.js';

describe('netpol-workload-egress-isolation', () => {
  new CheckTester(egress).register(
    {
      pass: [
        { name: 'default deny for both directions', yaml: isolated },
        { name: 'egress rules without policyTypes isolate egress', yaml: workload('{podSelector: {}, egress: [{ports: [{port: 443}]}]}') },
      ],
      fail: [
        {
          name: 'the selector-form fixture',
          yaml: cluster,
          findings: ['shop/web', 'shop/api', 'shop/cache', 'jobs/other', 'ops/public', 'open/anything'].map((p) => ({
            messageId: 'notIsolated',
            resource: pod(...(p.split('/') as [string, string])),
            path: '/metadata/labels',
          })),
        },
        {
          name: 'an Ingress policy with egress: [] and no policyTypes does not isolate egress',
          yaml: workload('{podSelector: {}, egress: [], ingress: [{}]}'),
          findings: [
            {
              messageId: 'notIsolated',
              resource: 'Deployment/shop/web',
              path: '/spec/template/metadata/labels',
              message:
                'Deployment web may connect to any pod and any address: no NetworkPolicy with Egress in policyTypes, or Cilium/Calico policy isolating egress, selects its pods',
            },
          ],
        },
      ],
    },
    it,
  );
});

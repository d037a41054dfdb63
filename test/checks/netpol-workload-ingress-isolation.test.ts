import { describe, it } from '@jest/globals';
import ingress from '../../checks/netpol-workload-ingress-isolation.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { cluster, isolated, pod, webDeployment, workload } from '../support/netpol-cases.js';

/** A Deployment shop/web (app: web) and a Calico NetworkPolicy with `selector: all()` and these ingress rules. */
const calico = (ingress: string) => `${webDeployment}
---
apiVersion: crd.projectcalico.org/v1
kind: NetworkPolicy
metadata: {name: pass, namespace: shop}
spec: {selector: all(), ingress: ${ingress}}
`;

describe('netpol-workload-ingress-isolation', () => {
  new CheckTester(ingress).register(
    {
      pass: [
        { name: 'default deny for both directions', yaml: isolated },
        { name: 'hostNetwork pods are outside NetworkPolicy', yaml: workload('{podSelector: {matchLabels: {app: web}}}') },
        { name: 'a Calico Pass rule of some peers isolates the rest', yaml: calico(`[{action: Pass, source: {selector: "app == 'lb'"}}]`) },
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
                'Deployment web accepts connections from any pod and any address: no NetworkPolicy with Ingress in policyTypes, or Cilium/Calico policy isolating ingress, selects its pods',
              observed: 'labels {app=web,tier=front}: 1 NetworkPolicies in namespace shop, none selects them for ingress',
            },
          ],
        },
        {
          name: 'a Calico Pass rule of every peer hands all traffic to the next tier: not isolated',
          yaml: calico('[{action: Deny, source: {nets: [10.0.0.0/8]}}, {action: Pass}]'),
          findings: [
            {
              messageId: 'notIsolated',
              resource: 'Deployment/shop/web',
              path: '/spec/template/metadata/labels',
              observed: 'labels {app=web}: 0 NetworkPolicies and 1 Cilium/Calico policies in namespace shop, none selects them for ingress',
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

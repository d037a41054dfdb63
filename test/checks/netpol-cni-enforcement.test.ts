import { describe, it } from '@jest/globals';
import check from '../../checks/netpol-cni-enforcement.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const ds = (name: string, namespace: string, image: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: ${name}, image: '${image}'}]
`;
const flannel = ds('kube-flannel-ds', 'kube-flannel', 'docker.io/flannel/flannel:v0.26.1');

describe('netpol-cni-enforcement', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'Calico', yaml: ds('calico-node', 'kube-system', 'docker.io/calico/node:v3.29.3') },
        { name: 'Cilium', yaml: ds('cilium', 'kube-system', 'quay.io/cilium/cilium:v1.16.5') },
        {
          name: 'Flannel with Calico policy (Canal-style pair)',
          yaml: [flannel, ds('calico-node', 'kube-system', 'docker.io/calico/node:v3.29.3')].join('---\n'),
        },
        {
          name: 'AWS VPC CNI with its network policy agent',
          yaml: ds('aws-node', 'kube-system', '602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon/aws-network-policy-agent:v1.1.5'),
        },
      ],
      fail: [
        {
          name: 'Flannel alone',
          yaml: flannel,
          findings: [
            {
              messageId: 'notEnforcing',
              resource: 'DaemonSet/kube-flannel/kube-flannel-ds',
              message: 'Flannel (DaemonSet kube-flannel-ds) does not enforce NetworkPolicies, and no policy agent was found',
              observed: 'Flannel only',
            },
          ],
        },
        {
          name: 'kindnet',
          yaml: ds('kindnet', 'kube-system', 'docker.io/kindest/kindnetd:v20241108'),
          findings: [{ messageId: 'notEnforcing', resource: 'DaemonSet/kube-system/kindnet' }],
        },
      ],
      unjudgeable: [
        {
          name: 'no known CNI agent',
          yaml: ds('node-exporter', 'monitoring', 'quay.io/prometheus/node-exporter:v1.8.2'),
          status: 'not-assessed',
        },
        {
          name: 'Flannel seen, but DaemonSets of one namespace unread (a policy agent may run there)',
          yaml: flannel,
          inventory: (inv) =>
            inv.coverage.push({ key: 'daemonSets', kind: 'DaemonSet', namespace: 'calico-system', status: 403, reason: 'Forbidden' }),
          status: 'not-assessed',
        },
      ],
    },
    it,
  );
});

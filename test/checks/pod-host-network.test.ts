import { describe, it } from '@jest/globals';
import check from '../../checks/pod-host-network.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const pass = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports: [{containerPort: 8080}]
`;

const fail = `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: metrics-agent, namespace: monitoring, uid: ds-1}
spec:
  selector: {matchLabels: {app: metrics-agent}}
  template:
    metadata: {labels: {app: metrics-agent}}
    spec:
      hostNetwork: true
      containers:
      - {name: agent, image: example.com/metrics-agent:2.1}
---
apiVersion: v1
kind: Pod
metadata:
  name: metrics-agent-node1
  namespace: monitoring
  ownerReferences: [{apiVersion: apps/v1, kind: DaemonSet, name: metrics-agent, uid: ds-1, controller: true}]
spec:
  hostNetwork: true
  containers:
  - {name: agent, image: example.com/metrics-agent:2.1}
---
apiVersion: v1
kind: Pod
metadata:
  name: metrics-agent-node2
  namespace: monitoring
  ownerReferences: [{apiVersion: apps/v1, kind: DaemonSet, name: metrics-agent, uid: ds-1, controller: true}]
spec:
  hostNetwork: true
  containers:
  - {name: agent, image: example.com/metrics-agent:2.1}
`;

describe('pod-host-network', () => {
  new CheckTester(check).register(
    {
      pass: [{ name: 'no hostNetwork', yaml: pass }],
      fail: [
        {
          name: 'DaemonSet with two pods',
          yaml: fail,
          findings: [
            {
              messageId: 'hostNetwork',
              resource: 'DaemonSet/monitoring/metrics-agent',
              path: '/spec/template/spec/hostNetwork',
              message: 'DaemonSet metrics-agent sets hostNetwork: true',
              observed: 'true',
              expected: 'false or unset',
              podCount: 2,
            },
          ],
        },
      ],
    },
    it,
  );
});

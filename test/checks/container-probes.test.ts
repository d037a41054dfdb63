import { describe, it } from '@jest/globals';
import check from '../../checks/container-probes.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const T = '/spec/template/spec/containers';

const barePod = `
apiVersion: v1
kind: Pod
metadata: {name: standalone, namespace: ops}
spec:
  ephemeralContainers:
  - {name: debugger, image: 'busybox:1.36'}
  containers:
  - name: server
    image: registry.example.com/server:1.0.0
    readinessProbe: {tcpSocket: {port: 80}}
`;

const daemonSet = `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: monitoring}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      restartPolicy: Always
      containers:
      - {name: agent, image: 'registry.example.com/agent:1.8.0'}
`;

describe('container-probes', () => {
  new CheckTester(check).register(
    {
      pass: ['pass-probed-and-batch.yaml'],
      fail: [
        {
          name: 'Deployment with ReplicaSet-owned pods: a startupProbe replaces neither probe',
          fixture: 'fail-deployment.yaml',
          findings: [
            {
              messageId: 'noReadiness',
              resource: 'Deployment/shop/web',
              path: `${T}/0/readinessProbe`,
              message: 'container web has no readinessProbe',
              observed: 'readinessProbe unset',
              expected: 'a readinessProbe (Service endpoints get the pod only when it is ready)',
              podCount: 3,
            },
            {
              messageId: 'noLiveness',
              resource: 'Deployment/shop/web',
              path: `${T}/0/livenessProbe`,
              message: 'container web has no livenessProbe',
              observed: 'livenessProbe unset',
              expected: 'a livenessProbe (a hung container gets restarted)',
              podCount: 3,
            },
            {
              messageId: 'noReadiness',
              resource: 'Deployment/shop/web',
              path: `${T}/1/readinessProbe`,
              message: 'container proxy has no readinessProbe',
            },
          ],
        },
        {
          name: 'bare pod with the default restartPolicy (Always); ephemeral containers skipped',
          yaml: barePod,
          findings: [{ messageId: 'noLiveness', resource: 'Pod/ops/standalone', path: '/spec/containers/0/livenessProbe', podCount: 1 }],
        },
        {
          name: 'DaemonSet',
          yaml: daemonSet,
          findings: [
            { messageId: 'noReadiness', resource: 'DaemonSet/monitoring/agent', path: `${T}/0/readinessProbe`, podCount: 0 },
            { messageId: 'noLiveness', resource: 'DaemonSet/monitoring/agent', path: `${T}/0/livenessProbe` },
          ],
        },
      ],
    },
    it,
  );
});

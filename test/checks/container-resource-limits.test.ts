import { describe, it } from '@jest/globals';
import check from '../../checks/container-resource-limits.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const DEPLOY = '/spec/template/spec';

const memoryOnly = `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: cache, namespace: shop}
spec:
  serviceName: cache
  selector: {matchLabels: {app: cache}}
  template:
    metadata: {labels: {app: cache}}
    spec:
      containers:
      - name: redis
        image: redis:7.4.1
        resources:
          requests: {cpu: 250m, memory: 512Mi}
          limits: {memory: 512Mi}
`;

const podLevelLimits = `
apiVersion: v1
kind: Pod
metadata: {name: pod-level, namespace: monitoring}
spec:
  resources:
    limits: {cpu: '1', memory: 512Mi}
  containers:
  - {name: a, image: 'registry.example.com/a:1.0.0'}
`;

describe('container-resource-limits', () => {
  new CheckTester(check).register(
    {
      pass: [
        'pass-memory-limits.yaml',
        { name: 'no CPU limit needed by default', yaml: memoryOnly },
        { name: 'pod-level CPU and memory limits satisfy requireCpuLimit', yaml: podLevelLimits, options: { requireCpuLimit: true } },
      ],
      fail: [
        {
          name: 'Deployment with ReplicaSet-owned pods: missing and zero memory limits',
          fixture: 'fail-deployment.yaml',
          findings: [
            {
              messageId: 'missing',
              resource: 'Deployment/shop/api',
              path: `${DEPLOY}/containers/0/resources/limits/memory`,
              message: 'container api has no memory limit',
              observed: 'resources.limits.memory unset',
              expected: 'a non-zero memory limit',
              podCount: 2,
            },
            {
              messageId: 'zero',
              resource: 'Deployment/shop/api',
              path: `${DEPLOY}/containers/1/resources/limits/memory`,
              message: 'container proxy sets a zero memory limit (0), which is no limit',
              observed: 'resources.limits.memory: 0',
              podCount: 2,
            },
          ],
        },
        {
          name: 'requireCpuLimit: true also asks for CPU limits',
          fixture: 'fail-deployment.yaml',
          options: { requireCpuLimit: true },
          findings: [
            {
              messageId: 'missing',
              resource: 'Deployment/shop/api',
              path: `${DEPLOY}/containers/0/resources/limits/cpu`,
              message: 'container api has no cpu limit',
              expected: 'a non-zero cpu limit',
            },
            { messageId: 'missing', resource: 'Deployment/shop/api', path: `${DEPLOY}/containers/0/resources/limits/memory` },
            { messageId: 'zero', resource: 'Deployment/shop/api', path: `${DEPLOY}/containers/1/resources/limits/memory` },
          ],
        },
        {
          name: 'requireCpuLimit: true judges init containers too',
          fixture: 'pass-memory-limits.yaml',
          options: { requireCpuLimit: true },
          findings: [
            {
              messageId: 'missing',
              resource: 'DaemonSet/monitoring/agent',
              path: `${DEPLOY}/initContainers/0/resources/limits/cpu`,
              message: 'init container setup has no cpu limit',
            },
            {
              messageId: 'missing',
              resource: 'DaemonSet/monitoring/agent',
              path: `${DEPLOY}/containers/0/resources/limits/cpu`,
              message: 'container agent has no cpu limit',
            },
          ],
        },
        {
          name: 'requireCpuLimit: true on a memory-only StatefulSet',
          yaml: memoryOnly,
          options: { requireCpuLimit: true },
          findings: [
            { messageId: 'missing', resource: 'StatefulSet/shop/cache', path: `${DEPLOY}/containers/0/resources/limits/cpu`, podCount: 0 },
          ],
        },
        {
          name: 'init container without a memory limit',
          yaml: `
apiVersion: v1
kind: Pod
metadata: {name: init, namespace: shop}
spec:
  initContainers:
  - {name: fetch, image: 'registry.example.com/fetch:1.0.0'}
  containers:
  - name: app
    image: registry.example.com/app:1.0.0
    resources: {limits: {memory: 64Mi}}
`,
          findings: [
            {
              messageId: 'missing',
              resource: 'Pod/shop/init',
              path: '/spec/initContainers/0/resources/limits/memory',
              message: 'init container fetch has no memory limit',
              podCount: 1,
            },
          ],
        },
      ],
    },
    it,
  );
});

import { describe, it } from '@jest/globals';
import check from '../../checks/container-resource-requests.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const DEPLOY = '/spec/template/spec';

const zeroRequests = `
apiVersion: v1
kind: Pod
metadata: {name: zero, namespace: batch}
spec:
  containers:
  - name: app
    image: registry.example.com/app:1.0.0
    resources:
      requests: {cpu: '0', memory: 0Mi}
  - name: helper
    image: registry.example.com/helper:1.0.0
    resources:
      limits: {cpu: 0m, memory: 64Mi}
`;

const cronJob = `
apiVersion: batch/v1
kind: CronJob
metadata: {name: report, namespace: batch}
spec:
  schedule: '0 3 * * *'
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: report
            image: registry.example.com/report:1.0.0
            resources:
              requests: {cpu: 100m}
`;

const podLevelPartial = `
apiVersion: v1
kind: Pod
metadata: {name: partial, namespace: shop}
spec:
  resources:
    requests: {memory: 1Gi}
  containers:
  - name: app
    image: registry.example.com/app:1.0.0
`;

describe('container-resource-requests', () => {
  new CheckTester(check).register(
    {
      pass: ['pass-all-set.yaml', { name: 'no workloads at all', yaml: '' }],
      fail: [
        {
          name: 'Deployment with ReplicaSet-owned pods (owner attribution, init container judged)',
          fixture: 'fail-deployment.yaml',
          findings: [
            {
              messageId: 'missing',
              resource: 'Deployment/shop/web',
              path: `${DEPLOY}/containers/0/resources/requests/cpu`,
              message: 'container app has no cpu request',
              observed: 'resources.requests.cpu unset (and no cpu limit to default from)',
              expected: 'a non-zero cpu request',
              podCount: 3,
            },
            {
              messageId: 'missing',
              resource: 'Deployment/shop/web',
              path: `${DEPLOY}/initContainers/0/resources/requests/cpu`,
              message: 'init container migrate has no cpu request',
              podCount: 3,
            },
            {
              messageId: 'missing',
              resource: 'Deployment/shop/web',
              path: `${DEPLOY}/initContainers/0/resources/requests/memory`,
              message: 'init container migrate has no memory request',
              podCount: 3,
            },
          ],
        },
        {
          name: 'zero quantities are no request, also when defaulted from a zero limit',
          yaml: zeroRequests,
          findings: [
            {
              messageId: 'zero',
              resource: 'Pod/batch/zero',
              path: '/spec/containers/0/resources/requests/cpu',
              message: 'container app sets a zero cpu request (0)',
              observed: 'resources.requests.cpu: 0',
              podCount: 1,
            },
            {
              messageId: 'zero',
              resource: 'Pod/batch/zero',
              path: '/spec/containers/0/resources/requests/memory',
              message: 'container app sets a zero memory request (0Mi)',
            },
            {
              messageId: 'zero',
              resource: 'Pod/batch/zero',
              path: '/spec/containers/1/resources/limits/cpu',
              message: 'container helper sets a zero cpu request (0m)',
              observed: 'resources.limits.cpu: 0m',
            },
          ],
        },
        {
          name: 'CronJob template path',
          yaml: cronJob,
          findings: [
            {
              messageId: 'missing',
              resource: 'CronJob/batch/report',
              path: '/spec/jobTemplate/spec/template/spec/containers/0/resources/requests/memory',
              message: 'container report has no memory request',
              podCount: 0,
            },
          ],
        },
        {
          name: 'a pod-level request covers only its own resource',
          yaml: podLevelPartial,
          findings: [{ messageId: 'missing', resource: 'Pod/shop/partial', path: '/spec/containers/0/resources/requests/cpu' }],
        },
      ],
    },
    it,
  );
});

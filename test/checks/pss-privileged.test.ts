import { describe, it } from '@jest/globals';
import check from '../../checks/pss-privileged.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const cronJob = `
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly, namespace: shop}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
          - {name: task, image: registry.example.com/task:1.0, securityContext: {privileged: true}}
`;

const ephemeral = `
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  containers:
  - {name: app, image: registry.example.com/app:1.0}
  ephemeralContainers:
  - {name: debugger, image: busybox:1.36, securityContext: {privileged: true}}
`;

describe('pss-privileged', () => {
  new CheckTester(check).register(
    {
      pass: ['pass-unprivileged.yaml', { name: 'nothing to judge', yaml: '' }],
      fail: [
        {
          fixture: 'fail-pod.yaml',
          findings: [
            {
              messageId: 'violation',
              resource: 'Pod/shop/web',
              path: '/spec/initContainers/0/securityContext/privileged',
              message: 'Privileged Containers (baseline): init container "init" sets securityContext.privileged=true',
              observed: 'true',
              expected: 'unset or false',
              podCount: 1,
            },
            {
              messageId: 'violation',
              resource: 'Pod/shop/web',
              path: '/spec/containers/0/securityContext/privileged',
              message: 'Privileged Containers (baseline): container "app" sets securityContext.privileged=true',
            },
          ],
        },
        {
          name: 'Deployment with a ReplicaSet and 3 pods: one finding on the template',
          fixture: 'fail-deployment.yaml',
          findings: [
            {
              messageId: 'violation',
              resource: 'Deployment/shop/api',
              path: '/spec/template/spec/containers/0/securityContext/privileged',
              message: 'Privileged Containers (baseline): container "app" sets securityContext.privileged=true',
              podCount: 3,
            },
          ],
        },
        {
          name: 'CronJob template, judged with no pods',
          yaml: cronJob,
          findings: [
            {
              messageId: 'violation',
              resource: 'CronJob/shop/nightly',
              path: '/spec/jobTemplate/spec/template/spec/containers/0/securityContext/privileged',
              podCount: 0,
            },
          ],
        },
        {
          name: 'ephemeral containers are judged too',
          yaml: ephemeral,
          findings: [
            {
              messageId: 'violation',
              resource: 'Pod/shop/web',
              path: '/spec/ephemeralContainers/0/securityContext/privileged',
              message: 'Privileged Containers (baseline): ephemeral container "debugger" sets securityContext.privileged=true',
            },
          ],
        },
        {
          name: 'the oldest policy version v1.0 already forbids it',
          fixture: 'fail-deployment.yaml',
          options: { pssVersion: 'v1.0' },
          findings: [
            {
              messageId: 'violation',
              resource: 'Deployment/shop/api',
              path: '/spec/template/spec/containers/0/securityContext/privileged',
            },
          ],
        },
      ],
    },
    it,
  );
});

import { describe, it } from '@jest/globals';
import check from '../../checks/pss-run-as-user.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const userNamespacePod = `
apiVersion: v1
kind: Pod
metadata: {name: build, namespace: ci}
spec:
  hostUsers: false
  securityContext: {runAsUser: 0}
  containers:
  - {name: app, image: registry.example.com/app:1.0}
`;

describe('pss-run-as-user', () => {
  new CheckTester(check).register(
    {
      pass: [
        'pass-non-zero.yaml',
        { name: 'non-zero UIDs at v1.23', fixture: 'pass-non-zero.yaml', options: { pssVersion: 'v1.23' } },
        { name: 'user-namespace pods are not judged from v1.35', yaml: userNamespacePod },
      ],
      fail: [
        {
          fixture: 'fail-pod.yaml',
          findings: [
            {
              messageId: 'violation',
              resource: 'Pod/shop/web',
              path: '/spec/securityContext/runAsUser',
              message: 'Running as Non-root user (restricted): pod sets securityContext.runAsUser=0',
              observed: '0',
              expected: 'unset or a non-zero UID',
            },
            {
              messageId: 'violation',
              resource: 'Pod/shop/web',
              path: '/spec/containers/0/securityContext/runAsUser',
              message: 'Running as Non-root user (restricted): container "app" sets securityContext.runAsUser=0',
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
              path: '/spec/template/spec/containers/0/securityContext/runAsUser',
              podCount: 3,
            },
          ],
        },
        {
          name: 'v1.23, the first version with the control',
          fixture: 'fail-deployment.yaml',
          options: { pssVersion: 'v1.23' },
          findings: [
            { messageId: 'violation', resource: 'Deployment/shop/api', path: '/spec/template/spec/containers/0/securityContext/runAsUser' },
          ],
        },
        {
          name: 'user-namespace pods are judged before v1.35',
          yaml: userNamespacePod,
          options: { pssVersion: 'v1.34' },
          findings: [{ messageId: 'violation', resource: 'Pod/ci/build', path: '/spec/securityContext/runAsUser' }],
        },
      ],
      unjudgeable: [
        {
          name: 'v1.22: the control does not exist yet',
          fixture: 'fail-pod.yaml',
          options: { pssVersion: 'v1.22' },
          status: 'not-applicable',
        },
      ],
    },
    it,
  );
});

import { describe, it } from '@jest/globals';
import check from '../../checks/pss-run-as-non-root.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const userNamespacePod = `
apiVersion: v1
kind: Pod
metadata: {name: build, namespace: ci}
spec:
  hostUsers: false
  containers:
  - {name: app, image: registry.example.com/app:1.0}
`;

describe('pss-run-as-non-root', () => {
  new CheckTester(check).register(
    {
      pass: [
        'pass-pod-level.yaml',
        { name: 'user-namespace pods are not judged from v1.35', yaml: userNamespacePod, options: { pssVersion: 'v1.35' } },
      ],
      fail: [
        {
          name: 'an explicit false fails under a pod-level true',
          fixture: 'fail-pod.yaml',
          findings: [
            {
              messageId: 'violation',
              resource: 'Pod/shop/web',
              path: '/spec/containers/0/securityContext/runAsNonRoot',
              message: 'Running as Non-root (restricted): container "app" sets securityContext.runAsNonRoot=false; expected true',
              observed: 'false',
              expected: 'true',
            },
          ],
        },
        {
          name: 'Deployment with a ReplicaSet and 3 pods: the pod-level alternative is named inside the template',
          fixture: 'fail-deployment.yaml',
          findings: [
            {
              messageId: 'violation',
              resource: 'Deployment/shop/api',
              path: '/spec/template/spec/containers/0/securityContext/runAsNonRoot',
              message:
                'Running as Non-root (restricted): container "app" does not set securityContext.runAsNonRoot; expected true (here or in /spec/template/spec/securityContext/runAsNonRoot)',
              observed: 'unset',
              expected: 'true (here or in /spec/template/spec/securityContext/runAsNonRoot)',
              podCount: 3,
            },
          ],
        },
        {
          name: 'user-namespace pods are judged before v1.35',
          yaml: userNamespacePod,
          options: { pssVersion: 'v1.34' },
          findings: [
            {
              messageId: 'violation',
              resource: 'Pod/ci/build',
              path: '/spec/containers/0/securityContext/runAsNonRoot',
              expected: 'true (here or in /spec/securityContext/runAsNonRoot)',
            },
          ],
        },
      ],
    },
    it,
  );
});

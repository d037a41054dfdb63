import { describe, it } from '@jest/globals';
import check from '../../checks/pss-proc-mount.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const userNamespacePod = `
apiVersion: v1
kind: Pod
metadata: {name: build, namespace: ci}
spec:
  hostUsers: false
  containers:
  - {name: app, image: registry.example.com/app:1.0, securityContext: {procMount: Unmasked}}
`;

describe('pss-proc-mount', () => {
  new CheckTester(check).register(
    {
      pass: [
        'pass-default.yaml',
        { name: 'user-namespace pod may unmask /proc from v1.35', yaml: userNamespacePod },
        { name: 'user-namespace pod at v1.35', yaml: userNamespacePod, options: { pssVersion: 'v1.35' } },
      ],
      fail: [
        {
          fixture: 'fail-pod.yaml',
          findings: [
            {
              messageId: 'violation',
              resource: 'Pod/shop/web',
              path: '/spec/containers/0/securityContext/procMount',
              message: '/proc Mount Type (baseline): container "app" sets securityContext.procMount=Unmasked',
              observed: 'Unmasked',
              expected: 'unset or Default',
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
              path: '/spec/template/spec/containers/0/securityContext/procMount',
              podCount: 3,
            },
          ],
        },
        {
          name: 'user-namespace pod before v1.35',
          yaml: userNamespacePod,
          options: { pssVersion: 'v1.34' },
          findings: [
            {
              messageId: 'violation',
              resource: 'Pod/ci/build',
              path: '/spec/containers/0/securityContext/procMount',
              observed: 'Unmasked',
            },
          ],
        },
      ],
    },
    it,
  );
});

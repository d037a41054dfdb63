import { describe, it } from '@jest/globals';
import check from '../../checks/pss-seccomp-restricted.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const windowsPod = `
apiVersion: v1
kind: Pod
metadata: {name: win, namespace: shop}
spec:
  os: {name: windows}
  containers:
  - {name: app, image: mcr.microsoft.com/windows/nanoserver:ltsc2022}
`;
const annotatedPod = `
apiVersion: v1
kind: Pod
metadata:
  name: legacy
  namespace: shop
  annotations: {container.seccomp.security.alpha.kubernetes.io/app: unconfined}
spec:
  containers:
  - {name: app, image: registry.example.com/app:1.0}
`;

describe('pss-seccomp-restricted', () => {
  new CheckTester(check).register(
    {
      pass: [
        'pass-pod-level.yaml',
        {
          name: 'before v1.19 restricted applies the baseline rule, which does not require a profile',
          fixture: 'fail-deployment.yaml',
          options: { pssVersion: 'v1.18' },
        },
        { name: 'Windows pods are exempt from v1.25', yaml: windowsPod, options: { pssVersion: 'v1.25' } },
      ],
      fail: [
        {
          fixture: 'fail-pod.yaml',
          findings: [
            {
              messageId: 'violation',
              resource: 'Pod/shop/web',
              path: '/spec/containers/0/securityContext/seccompProfile/type',
              message:
                'Seccomp (restricted): container "app" sets securityContext.seccompProfile.type=Unconfined; expected RuntimeDefault or Localhost',
              observed: 'Unconfined',
              expected: 'RuntimeDefault or Localhost',
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
              path: '/spec/template/spec/containers/0/securityContext/seccompProfile/type',
              message:
                'Seccomp (restricted): container "app" does not set securityContext.seccompProfile.type; expected RuntimeDefault or Localhost (here or in /spec/template/spec/securityContext/seccompProfile/type)',
              podCount: 3,
            },
          ],
        },
        {
          name: 'v1.19, the first version of the restricted rule',
          fixture: 'fail-deployment.yaml',
          options: { pssVersion: 'v1.19' },
          findings: [
            {
              messageId: 'violation',
              resource: 'Deployment/shop/api',
              path: '/spec/template/spec/containers/0/securityContext/seccompProfile/type',
              observed: 'unset',
            },
          ],
        },
        {
          name: 'before v1.19 the baseline annotation rule is what restricted applies',
          yaml: annotatedPod,
          options: { pssVersion: 'v1.18' },
          findings: [
            {
              messageId: 'violation',
              resource: 'Pod/shop/legacy',
              path: '/metadata/annotations/container.seccomp.security.alpha.kubernetes.io~1app',
              message:
                'Seccomp (baseline): pod annotation container.seccomp.security.alpha.kubernetes.io/app is unconfined; expected unset, runtime/default, docker/default or localhost/<profile>',
            },
          ],
        },
        {
          name: 'Windows pods are judged before v1.25',
          yaml: windowsPod,
          options: { pssVersion: 'v1.24' },
          findings: [{ messageId: 'violation', resource: 'Pod/shop/win', path: '/spec/containers/0/securityContext/seccompProfile/type' }],
        },
      ],
    },
    it,
  );
});

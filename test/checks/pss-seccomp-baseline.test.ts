import { describe, it } from '@jest/globals';
import check from '../../checks/pss-seccomp-baseline.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const ANNOTATIONS_EXPECTED = 'unset, runtime/default, docker/default or localhost/<profile>';
const annotated = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: legacy, namespace: shop}
spec:
  selector: {matchLabels: {app: legacy}}
  template:
    metadata:
      labels: {app: legacy}
      annotations:
        seccomp.security.alpha.kubernetes.io/pod: unconfined
        container.seccomp.security.alpha.kubernetes.io/app: runtime/default
    spec:
      containers:
      - {name: app, image: registry.example.com/app:1.0}
`;

describe('pss-seccomp-baseline', () => {
  new CheckTester(check).register(
    {
      pass: [
        'pass-runtime-default.yaml',
        { name: 'annotations are ignored from v1.19', yaml: annotated, options: { pssVersion: 'v1.19' } },
        { name: 'fields are ignored before v1.19', fixture: 'fail-pod.yaml', options: { pssVersion: 'v1.18' } },
      ],
      fail: [
        {
          fixture: 'fail-pod.yaml',
          findings: [
            {
              messageId: 'violation',
              resource: 'Pod/shop/web',
              path: '/spec/securityContext/seccompProfile/type',
              message: 'Seccomp (baseline): pod sets securityContext.seccompProfile.type=Unconfined',
              observed: 'Unconfined',
              expected: 'unset, RuntimeDefault or Localhost',
            },
            {
              messageId: 'violation',
              resource: 'Pod/shop/web',
              path: '/spec/containers/0/securityContext/seccompProfile/type',
              message: 'Seccomp (baseline): container "app" sets securityContext.seccompProfile.type=Unconfined',
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
              podCount: 3,
            },
          ],
        },
        {
          name: 'annotations before v1.19',
          yaml: annotated,
          options: { pssVersion: 'v1.18' },
          findings: [
            {
              messageId: 'violation',
              resource: 'Deployment/shop/legacy',
              path: '/spec/template/metadata/annotations/seccomp.security.alpha.kubernetes.io~1pod',
              message: `Seccomp (baseline): pod template annotation seccomp.security.alpha.kubernetes.io/pod is unconfined; expected ${ANNOTATIONS_EXPECTED}`,
              observed: 'unconfined',
              expected: ANNOTATIONS_EXPECTED,
            },
          ],
        },
      ],
    },
    it,
  );
});

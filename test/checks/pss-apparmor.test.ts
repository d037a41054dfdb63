import { describe, it } from '@jest/globals';
import check from '../../checks/pss-apparmor.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const ANNOTATION = 'container.apparmor.security.beta.kubernetes.io~1app';
const ANNOTATION_EXPECTED = 'unset, "", runtime/default or localhost/<profile>';

const cronJob = `
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly, namespace: shop}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          annotations: {container.apparmor.security.beta.kubernetes.io/app: unconfined}
        spec:
          restartPolicy: Never
          containers:
          - {name: app, image: registry.example.com/task:1.0}
`;

describe('pss-apparmor', () => {
  new CheckTester(check).register(
    {
      pass: ['pass-runtime-default.yaml'],
      fail: [
        {
          name: 'field and annotation on a pod',
          fixture: 'fail-pod.yaml',
          findings: [
            {
              messageId: 'violation',
              resource: 'Pod/shop/web',
              path: '/spec/containers/0/securityContext/appArmorProfile/type',
              message: 'AppArmor (baseline): container "app" sets securityContext.appArmorProfile.type=Unconfined',
              observed: 'Unconfined',
              expected: 'unset, RuntimeDefault or Localhost',
            },
            {
              messageId: 'violation',
              resource: 'Pod/shop/web',
              path: `/metadata/annotations/${ANNOTATION}`,
              message: `AppArmor (baseline): pod annotation container.apparmor.security.beta.kubernetes.io/app is unconfined; expected ${ANNOTATION_EXPECTED}`,
              observed: 'unconfined',
              expected: ANNOTATION_EXPECTED,
            },
          ],
        },
        {
          name: 'Deployment with a ReplicaSet and 3 pods: template annotations live under /spec/template/metadata',
          fixture: 'fail-deployment.yaml',
          findings: [
            {
              messageId: 'violation',
              resource: 'Deployment/shop/api',
              path: '/spec/template/spec/securityContext/appArmorProfile/type',
              message: 'AppArmor (baseline): pod template sets securityContext.appArmorProfile.type=Unconfined',
              podCount: 3,
            },
            {
              messageId: 'violation',
              resource: 'Deployment/shop/api',
              path: `/spec/template/metadata/annotations/${ANNOTATION}`,
              podCount: 3,
            },
          ],
        },
        {
          name: 'CronJob template annotations',
          yaml: cronJob,
          findings: [
            {
              messageId: 'violation',
              resource: 'CronJob/shop/nightly',
              path: `/spec/jobTemplate/spec/template/metadata/annotations/${ANNOTATION}`,
            },
          ],
        },
        {
          name: 'the field is judged at every policy version (upstream amended v1.0)',
          fixture: 'fail-pod.yaml',
          options: { pssVersion: 'v1.0' },
          findings: [
            { messageId: 'violation', resource: 'Pod/shop/web', path: '/spec/containers/0/securityContext/appArmorProfile/type' },
            { messageId: 'violation', resource: 'Pod/shop/web', path: `/metadata/annotations/${ANNOTATION}` },
          ],
        },
      ],
    },
    it,
  );
});

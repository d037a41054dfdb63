import { describe, it } from '@jest/globals';
import check from '../../checks/pod-security-context.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const LINUX =
  'runAsNonRoot: true or runAsUser > 0; allowPrivilegeEscalation: false; capabilities.drop includes ALL; seccompProfile RuntimeDefault or Localhost (pod or container)';

describe('pod-security-context', () => {
  new CheckTester(check).register(
    {
      pass: ['pass-hardened.yaml', 'pass-workload-pod-with-debug-container.yaml'],
      fail: [
        {
          fixture: 'fail-none.yaml',
          findings: [
            {
              messageId: 'none',
              resource: 'Deployment/shop/legacy',
              path: '/spec/template/spec/securityContext',
              message: 'Deployment legacy sets no securityContext on the pod or any container',
              observed: 'no securityContext on the pod or its containers',
              expected: LINUX,
            },
            { messageId: 'none', resource: 'Pod/shop/empty', path: '/spec/securityContext' },
          ],
        },
        {
          fixture: 'fail-incomplete.yaml',
          findings: [
            {
              messageId: 'incomplete',
              resource: 'Deployment/shop/web',
              path: '/spec/template/spec/containers/0/securityContext',
              message: 'container web of Deployment web lacks seccompProfile in its securityContext',
              observed: 'seccompProfile Unconfined',
            },
            {
              messageId: 'incomplete',
              resource: 'Deployment/shop/web',
              path: '/spec/template/spec/containers/1/securityContext',
              message:
                'container root-sidecar of Deployment web lacks runAsNonRoot, allowPrivilegeEscalation, capabilities.drop, seccompProfile in its securityContext',
              observed:
                'runAsNonRoot false, runAsUser 0; allowPrivilegeEscalation unset; capabilities.drop [NET_RAW]; seccompProfile Unconfined',
              expected: LINUX,
            },
            {
              messageId: 'incomplete',
              resource: 'Pod/shop/debug-target',
              path: '/spec/ephemeralContainers/0/securityContext',
              message:
                'ephemeral container debugger of Pod debug-target lacks allowPrivilegeEscalation, capabilities.drop in its securityContext',
              observed: 'allowPrivilegeEscalation unset; capabilities.drop unset',
            },
            {
              messageId: 'incomplete',
              resource: 'Pod/win/iis',
              path: '/spec/containers/0/securityContext',
              message: 'container iis of Pod iis lacks runAsNonRoot in its securityContext',
              observed: 'runAsNonRoot unset, runAsUser unset',
              expected: 'runAsNonRoot: true (pod or container)',
            },
          ],
        },
        {
          name: 'init container judged like the others',
          yaml: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: report, namespace: shop}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
          initContainers:
          - {name: fetch, image: busybox:1.36, securityContext: {capabilities: {drop: [ALL]}}}
          containers:
          - {name: report, image: example.com/report:1, securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}}
`,
          findings: [
            {
              messageId: 'incomplete',
              resource: 'CronJob/shop/report',
              path: '/spec/jobTemplate/spec/template/spec/initContainers/0/securityContext',
              message: 'init container fetch of CronJob report lacks allowPrivilegeEscalation in its securityContext',
            },
          ],
        },
      ],
    },
    it,
  );
});

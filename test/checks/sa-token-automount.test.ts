import { describe, it } from '@jest/globals';
import check from '../../checks/sa-token-automount.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const allAccountsBound = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: all-accounts-view}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: Group, name: system:serviceaccounts}
---
apiVersion: v1
kind: Pod
metadata: {name: anything, namespace: shop}
spec:
  containers:
  - {name: app, image: example.com/app:1}
`;

describe('sa-token-automount', () => {
  new CheckTester(check).register(
    {
      pass: [
        'pass-needed-or-off.yaml',
        'pass-workload-pod-with-debug-container.yaml',
        'pass-mirror-pod.yaml',
        { name: 'a non-default binding of system:serviceaccounts covers every account', yaml: allAccountsBound },
      ],
      fail: [
        {
          fixture: 'fail-unneeded-token.yaml',
          findings: [
            {
              messageId: 'unneeded',
              resource: 'Deployment/shop/static-site',
              path: '/spec/template/spec/automountServiceAccountToken',
              message:
                'Deployment static-site mounts a token of ServiceAccount shop/default, which no RoleBinding or ClusterRoleBinding grants anything',
              observed: 'automountServiceAccountToken unset on the pod and the ServiceAccount (defaults to true)',
              expected: 'automountServiceAccountToken: false (ServiceAccount shop/default has no RBAC binding)',
              podCount: 0,
            },
            {
              messageId: 'unneeded',
              resource: 'Pod/shop/worker',
              path: '/spec/automountServiceAccountToken',
              message:
                'Pod worker mounts a token of ServiceAccount shop/worker, which no RoleBinding or ClusterRoleBinding grants anything',
              observed: 'automountServiceAccountToken: true',
              podCount: 1,
            },
            {
              messageId: 'unneeded',
              resource: 'CronJob/shop/cleanup',
              path: '/spec/jobTemplate/spec/template/spec/automountServiceAccountToken',
              observed: 'automountServiceAccountToken unset; the ServiceAccount sets true',
            },
          ],
        },
        {
          fixture: 'fail-kube-system-pod.yaml',
          findings: [
            {
              messageId: 'unneeded',
              resource: 'Pod/kube-system/node-debugger',
              path: '/spec/automountServiceAccountToken',
              observed: 'automountServiceAccountToken unset; the ServiceAccount sets true',
              podCount: 1,
            },
          ],
        },
      ],
      unjudgeable: [
        {
          name: 'roleBindings could not be fully read: nothing is judged',
          fixture: 'fail-unneeded-token.yaml',
          inventory: (inv) =>
            inv.coverage.push({ key: 'roleBindings', kind: 'RoleBinding', namespace: 'shop', status: 403, reason: 'Forbidden' }),
          status: 'not-assessed',
        },
      ],
    },
    it,
  );
});

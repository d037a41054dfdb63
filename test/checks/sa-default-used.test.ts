import { describe, it } from '@jest/globals';
import check from '../../checks/sa-default-used.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const EXPECTED_POD = 'a dedicated ServiceAccount, or automountServiceAccountToken: false';

describe('sa-default-used', () => {
  new CheckTester(check).register(
    {
      pass: ['pass-dedicated-accounts.yaml', 'pass-workload-pod-with-debug-container.yaml', 'pass-mirror-pod.yaml'],
      fail: [
        {
          fixture: 'fail-default-used.yaml',
          findings: [
            {
              messageId: 'automountEnabled',
              resource: 'ServiceAccount/lab/default',
              path: '/automountServiceAccountToken',
              message: 'ServiceAccount lab/default does not set automountServiceAccountToken: false',
              observed: 'unset (tokens are mounted)',
              expected: 'automountServiceAccountToken: false',
            },
            {
              messageId: 'automountEnabled',
              resource: 'ServiceAccount/ci/default',
              path: '/automountServiceAccountToken',
              observed: 'automountServiceAccountToken: true',
            },
            {
              messageId: 'podUsesDefault',
              resource: 'Deployment/lab/notebook',
              path: '/spec/template/spec/serviceAccountName',
              message: 'Deployment notebook runs as the default ServiceAccount with its token mounted',
              observed: 'serviceAccountName unset; token mounted (automountServiceAccountToken unset)',
              expected: EXPECTED_POD,
              podCount: 0,
            },
            {
              messageId: 'podUsesDefault',
              resource: 'Pod/shop/api-client',
              path: '/spec/automountServiceAccountToken',
              observed: 'serviceAccountName default; token mounted (automountServiceAccountToken: true)',
              podCount: 1,
            },
            {
              messageId: 'podUsesDefault',
              resource: 'Job/ci/build',
              path: '/spec/template/spec/serviceAccountName',
              observed: 'serviceAccountName unset; token mounted (the ServiceAccount sets automountServiceAccountToken: true)',
            },
            {
              messageId: 'bindingToDefault',
              resource: 'RoleBinding/lab/lab-edit',
              path: '/subjects/1',
              message: 'RoleBinding lab-edit grants ClusterRole edit to ServiceAccount lab/default',
              observed: 'subject ServiceAccount lab/default',
            },
            {
              messageId: 'bindingToDefault',
              resource: 'ClusterRoleBinding/legacy-monitoring',
              path: '/subjects/0',
              message: 'ClusterRoleBinding legacy-monitoring grants ClusterRole view to ServiceAccount monitoring/default',
            },
          ],
        },
        {
          fixture: 'fail-kube-system-pod.yaml',
          findings: [
            {
              messageId: 'podUsesDefault',
              resource: 'Pod/kube-system/node-debugger',
              path: '/spec/serviceAccountName',
              // Offline objects are defaulted as the API server stores them (src/offline/defaults.ts).
              observed: 'serviceAccountName default; token mounted (automountServiceAccountToken unset)',
              podCount: 1,
            },
          ],
        },
      ],
      unjudgeable: [
        {
          name: 'serviceAccounts could not be fully read: nothing is judged',
          fixture: 'fail-default-used.yaml',
          inventory: (inv) =>
            inv.coverage.push({ key: 'serviceAccounts', kind: 'ServiceAccount', namespace: 'shop', status: 403, reason: 'Forbidden' }),
          status: 'not-assessed',
        },
      ],
    },
    it,
  );
});

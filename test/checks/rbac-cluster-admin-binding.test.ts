import { describe, it } from '@jest/globals';
import check from '../../checks/rbac-cluster-admin-binding.js';
import { CheckTester } from '../../src/testing/check-tester.js';

describe('rbac-cluster-admin-binding', () => {
  new CheckTester(check).register(
    {
      pass: ['pass-system-masters.yaml', { name: 'no bindings at all', yaml: '' }],
      fail: [
        {
          fixture: 'fail-service-account.yaml',
          findings: [
            {
              messageId: 'bound',
              resource: 'ClusterRoleBinding/legacy-admin',
              path: '/subjects/1',
              message: 'ServiceAccount legacy/default is bound to cluster-admin by ClusterRoleBinding legacy-admin',
              observed: 'roleRef cluster-admin, subject ServiceAccount legacy/default',
            },
            {
              messageId: 'bound',
              resource: 'RoleBinding/payments/alice-admin',
              path: '/subjects/0',
              message: 'User alice@example.com is bound to cluster-admin by RoleBinding alice-admin',
            },
          ],
        },
      ],
    },
    it,
  );
});

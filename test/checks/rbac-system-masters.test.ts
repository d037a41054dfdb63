import { describe, it } from '@jest/globals';
import check from '../../checks/rbac-system-masters.js';
import { CheckTester } from '../../src/testing/check-tester.js';

describe('rbac-system-masters', () => {
  new CheckTester(check).register(
    {
      pass: [
        'pass-builtin.yaml',
        {
          name: 'allowedBindings accepts more bindings',
          fixture: 'fail-extra-bindings.yaml',
          options: { allowedBindings: ['ClusterRoleBinding/cluster-admin', 'ClusterRoleBinding/ops-*', 'RoleBinding/shop/masters-edit'] },
        },
      ],
      fail: [
        {
          fixture: 'fail-extra-bindings.yaml',
          findings: [
            {
              messageId: 'masters',
              resource: 'ClusterRoleBinding/ops-masters',
              path: '/subjects/1',
              message: 'ClusterRoleBinding ops-masters grants ClusterRole ops cluster-wide to Group system:masters',
              observed: 'subject Group system:masters, roleRef ClusterRole ops',
              expected: 'Group system:masters only in the built-in ClusterRoleBinding cluster-admin',
            },
            {
              // Reported even though the role it names does not exist.
              messageId: 'masters',
              resource: 'RoleBinding/shop/masters-edit',
              path: '/subjects/0',
              message: 'RoleBinding masters-edit grants ClusterRole edit in namespace shop to Group system:masters',
              observed: 'subject Group system:masters, roleRef ClusterRole edit (role not found)',
            },
          ],
        },
        {
          name: 'the built-in binding is judged when allowedBindings is emptied',
          fixture: 'pass-builtin.yaml',
          options: { allowedBindings: [] },
          findings: [
            {
              messageId: 'masters',
              resource: 'ClusterRoleBinding/cluster-admin',
              path: '/subjects/0',
              message: 'ClusterRoleBinding cluster-admin grants ClusterRole cluster-admin cluster-wide to Group system:masters',
            },
          ],
        },
      ],
    },
    it,
  );
});

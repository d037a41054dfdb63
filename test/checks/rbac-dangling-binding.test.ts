import { describe, it } from '@jest/globals';
import check from '../../checks/rbac-dangling-binding.js';
import { CheckTester } from '../../src/testing/check-tester.js';

describe('rbac-dangling-binding', () => {
  new CheckTester(check).register(
    {
      pass: ['pass-resolved.yaml'],
      fail: [
        {
          fixture: 'fail-dangling.yaml',
          findings: [
            {
              messageId: 'dangling',
              resource: 'RoleBinding/shop/old-operator',
              path: '/roleRef',
              message:
                'RoleBinding shop/old-operator binds Role old-operator, which does not exist, to ServiceAccount shop/old-operator, Group operators',
              observed: 'roleRef Role old-operator not found',
              expected: 'a roleRef naming an existing role',
            },
            {
              messageId: 'dangling',
              resource: 'ClusterRoleBinding/reader-everywhere',
              path: '/roleRef',
              message: 'ClusterRoleBinding reader-everywhere binds Role reader, which does not exist, to User alice',
              observed: 'roleRef Role reader not found (a ClusterRoleBinding cannot refer to a Role)',
            },
          ],
        },
      ],
    },
    it,
  );
});

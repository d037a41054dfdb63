import { describe, it } from '@jest/globals';
import check from '../../checks/rbac-unused-powerful-sa.js';
import { CheckTester } from '../../src/testing/check-tester.js';

describe('rbac-unused-powerful-sa', () => {
  new CheckTester(check).register(
    {
      pass: ['pass-used.yaml'],
      fail: [
        {
          fixture: 'fail-unused.yaml',
          findings: [
            {
              messageId: 'unused',
              resource: 'ServiceAccount/ci/old-ci',
              message: 'ServiceAccount ci/old-ci holds every verb on every resource cluster-wide, and no workload runs as it',
              observed:
                '1. ServiceAccount ci/old-ci holds every verb on every resource cluster-wide → cluster-admin [ClusterRoleBinding old-ci-admin → ClusterRole cluster-admin: * on *.*]',
              expected: 'powerful accounts only where a workload uses them',
            },
          ],
        },
      ],
    },
    it,
  );
});

import { describe, it } from '@jest/globals';
import check from '../../checks/rbac-legacy-token-readers.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const EXPECTED = 'no reader of Secrets in the namespace beyond the cluster admins by design';

describe('rbac-legacy-token-readers', () => {
  new CheckTester(check).register(
    {
      pass: [
        'pass-admins-only.yaml',
        {
          name: 'every reader skipped by option',
          fixture: 'fail-readers.yaml',
          options: { extraSkipSubjects: ['ServiceAccount/shop/reporter', 'User/alice', 'Group/oidc:ops'] },
        },
      ],
      fail: [
        {
          fixture: 'fail-readers.yaml',
          findings: [
            {
              messageId: 'readable',
              resource: 'Secret/shop/deployer-token',
              message:
                'Secret shop/deployer-token holds a long-lived token of service account deployer, readable by User alice, ServiceAccount shop/reporter, Group oidc:ops',
              observed:
                'User alice [RoleBinding shop/alice → Role named-secrets: get on secrets (resourceNames: deployer-token)]; ServiceAccount shop/reporter [RoleBinding shop/reporter → Role secrets-lister: list on secrets]; Group oidc:ops [ClusterRoleBinding ops-watch → ClusterRole secrets-watcher: watch on secrets]',
              expected: EXPECTED,
            },
            {
              messageId: 'readable',
              resource: 'Secret/shop/old-token',
              message:
                'Secret shop/old-token holds a long-lived token of service account old, readable by ServiceAccount shop/reporter, Group oidc:ops',
            },
          ],
        },
        {
          name: 'the built-in skips replaced: system:masters counts too',
          fixture: 'pass-admins-only.yaml',
          options: { skipSubjects: [] },
          findings: [
            {
              messageId: 'readable',
              resource: 'Secret/shop/deployer-token',
              message: 'Secret shop/deployer-token holds a long-lived token of service account deployer, readable by Group system:masters',
            },
          ],
        },
      ],
    },
    it,
  );
});

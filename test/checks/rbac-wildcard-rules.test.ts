import { describe, it } from '@jest/globals';
import check from '../../checks/rbac-wildcard-rules.js';
import { CheckTester } from '../../src/testing/check-tester.js';

describe('rbac-wildcard-rules', () => {
  new CheckTester(check).register(
    {
      pass: [
        'pass-explicit.yaml',
        { name: 'cluster-admin, default aggregated and bootstrap system roles are skipped by default', fixture: 'builtin-roles.yaml' },
        {
          name: 'skipRoles takes Role/<namespace>/<name> and ClusterRole/<name> patterns',
          fixture: 'fail-wildcards.yaml',
          options: { skipRoles: ['ClusterRole/*', 'Role/shop/*'] },
        },
      ],
      fail: [
        {
          fixture: 'fail-wildcards.yaml',
          findings: [
            {
              messageId: 'wildcard',
              resource: 'ClusterRole/ci-deployer',
              path: '/rules/0',
              message:
                "ClusterRole ci-deployer has '*' in apiGroups, resources and verbs (rule 0), bound by ClusterRoleBinding ci-deployer",
              observed: 'apiGroups: [*], resources: [*], verbs: [*]',
              expected: 'explicit verbs, resources and apiGroups',
            },
            {
              messageId: 'wildcard',
              resource: 'Role/shop/app-admin',
              path: '/rules/1',
              message: "Role shop/app-admin has '*' in verbs (rule 1), bound by RoleBinding shop/app-admin",
              observed: 'apiGroups: [apps], resources: [deployments], verbs: [*]',
            },
            {
              messageId: 'wildcard',
              resource: 'Role/shop/app-admin',
              path: '/rules/2',
              message: "Role shop/app-admin has '*' in resources (rule 2), bound by RoleBinding shop/app-admin",
              observed: 'apiGroups: [""], resources: [*], verbs: [get]',
            },
            {
              // The aggregated ClusterRole ops is not judged itself; the role it takes in is, with ops' binding.
              messageId: 'wildcard',
              resource: 'ClusterRole/scaler',
              path: '/rules/0',
              message:
                "ClusterRole scaler has '*' in apiGroups and resources (rule 0), bound by RoleBinding shop/ops (through aggregated ClusterRole ops)",
              observed: 'apiGroups: [*], resources: [*/scale], verbs: [get, update]',
            },
            {
              messageId: 'wildcard',
              resource: 'ClusterRole/crd-reader',
              path: '/rules/0',
              message: "ClusterRole crd-reader has '*' in apiGroups (rule 0), not bound",
            },
          ],
        },
        {
          name: 'a system: name without the bootstrap label is judged',
          fixture: 'fail-system-prefix.yaml',
          findings: [
            {
              messageId: 'wildcard',
              resource: 'ClusterRole/system:custom-operator',
              path: '/rules/0',
              message: "ClusterRole system:custom-operator has '*' in resources (rule 0), not bound",
            },
          ],
        },
        {
          name: 'with bindings unread, an unbound role is not called "not bound"',
          fixture: 'fail-system-prefix.yaml',
          inventory: (inv) =>
            inv.coverage.push({
              key: 'clusterRoleBindings',
              kind: 'ClusterRoleBinding',
              status: 403,
              reason: 'Forbidden: clusterrolebindings',
            }),
          findings: [
            {
              messageId: 'wildcard',
              resource: 'ClusterRole/system:custom-operator',
              path: '/rules/0',
              message:
                "ClusterRole system:custom-operator has '*' in resources (rule 0), bound by no binding that was read (bindings could not all be read)",
            },
          ],
        },
        {
          name: 'built-in roles are reported when the options are emptied',
          fixture: 'builtin-roles.yaml',
          options: { skipRoles: [], skipBootstrapRoles: false },
          findings: [
            { messageId: 'wildcard', resource: 'ClusterRole/cluster-admin', path: '/rules/0' },
            {
              messageId: 'wildcard',
              resource: 'ClusterRole/cluster-admin',
              path: '/rules/1',
              observed: 'nonResourceURLs: [*], verbs: [*]',
            },
            { messageId: 'wildcard', resource: 'ClusterRole/system:aggregate-to-edit', path: '/rules/0' },
            {
              messageId: 'wildcard',
              resource: 'ClusterRole/system:kube-controller-manager',
              path: '/rules/1',
              message: "ClusterRole system:kube-controller-manager has '*' in apiGroups and resources (rule 1), not bound",
            },
          ],
        },
      ],
    },
    it,
  );
});

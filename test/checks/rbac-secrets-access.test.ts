import { describe, it } from '@jest/globals';
import check from '../../checks/rbac-secrets-access.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const expected = 'no get, list or watch on secrets unless the subject needs it, and then in its own namespace and for named Secrets';

describe('rbac-secrets-access', () => {
  new CheckTester(check).register(
    {
      pass: [
        'pass-no-read.yaml',
        { name: 'built-in system subjects are skipped by default', fixture: 'system-subjects.yaml' },
        { name: 'no RBAC objects at all', yaml: '' },
        {
          name: 'extraSkipSubjects adds to the defaults',
          fixture: 'fail-scopes.yaml',
          options: {
            extraSkipSubjects: [
              'ServiceAccount/payments/*',
              'User/alice@example.com',
              'ServiceAccount/shop/api',
              'ServiceAccount/kaudit/kaudit',
              'Group/oidc:*',
            ],
          },
        },
      ],
      fail: [
        {
          name: 'Role, ClusterRole scoped by a RoleBinding, ClusterRole bound cluster-wide',
          fixture: 'fail-scopes.yaml',
          findings: [
            {
              messageId: 'granted',
              resource: 'RoleBinding/payments/reporter-secrets',
              path: '/subjects/0',
              message:
                'ServiceAccount payments/reporter can get/list secrets in namespace payments through Role reporter-secrets bound by RoleBinding reporter-secrets',
              observed: 'Role reporter-secrets: get,list on secrets',
              expected,
            },
            {
              messageId: 'granted',
              resource: 'RoleBinding/shop/alice-secrets',
              path: '/subjects/0',
              message:
                'User alice@example.com can watch secrets in namespace shop through ClusterRole secret-reader bound by RoleBinding alice-secrets',
              observed: 'ClusterRole secret-reader: watch on secrets',
            },
            {
              // A ServiceAccount subject without a namespace takes the RoleBinding's.
              messageId: 'granted',
              resource: 'RoleBinding/shop/alice-secrets',
              path: '/subjects/1',
              message:
                'ServiceAccount shop/api can watch secrets in namespace shop through ClusterRole secret-reader bound by RoleBinding alice-secrets',
            },
            {
              messageId: 'granted',
              resource: 'ClusterRoleBinding/auditors-secrets',
              path: '/subjects/0',
              message:
                'ServiceAccount kaudit/kaudit can watch secrets cluster-wide through ClusterRole secret-reader bound by ClusterRoleBinding auditors-secrets',
              observed: 'ClusterRole secret-reader: watch on secrets',
            },
            {
              messageId: 'granted',
              resource: 'ClusterRoleBinding/auditors-secrets',
              path: '/subjects/1',
              message:
                'Group oidc:auditors can watch secrets cluster-wide through ClusterRole secret-reader bound by ClusterRoleBinding auditors-secrets',
            },
          ],
        },
        {
          name: 'aggregated ClusterRoles are resolved through their label selectors',
          fixture: 'fail-aggregated.yaml',
          findings: [
            {
              messageId: 'granted',
              resource: 'ClusterRoleBinding/monitoring-reader',
              path: '/subjects/0',
              message:
                'ServiceAccount monitoring/prometheus can get/list secrets cluster-wide through ClusterRole monitoring-reader bound by ClusterRoleBinding monitoring-reader',
              observed: 'ClusterRole monitoring-reader (aggregated from ClusterRole monitoring-secrets): get,list on secrets',
            },
            {
              // Two levels: platform-reader <- monitoring-reader-in-platform <- monitoring-secrets.
              messageId: 'granted',
              resource: 'RoleBinding/platform/platform-reader',
              path: '/subjects/0',
              message:
                'Group oidc:platform-team can get/list secrets in namespace platform through ClusterRole platform-reader bound by RoleBinding platform-reader',
              observed: 'ClusterRole platform-reader (aggregated from ClusterRole monitoring-secrets): get,list on secrets',
            },
          ],
        },
        {
          name: "'*' in verbs, resources or apiGroups, and a rule limited by resourceNames",
          fixture: 'fail-wildcards.yaml',
          findings: [
            {
              messageId: 'granted',
              resource: 'ClusterRoleBinding/deployer-any-verb',
              path: '/subjects/0',
              message:
                'ServiceAccount ci/deployer can get/list/watch secrets cluster-wide through ClusterRole any-verb-on-secrets bound by ClusterRoleBinding deployer-any-verb',
              observed: 'ClusterRole any-verb-on-secrets: * on secrets',
            },
            {
              messageId: 'granted',
              resource: 'RoleBinding/ci/core-everything',
              path: '/subjects/0',
              message:
                'ServiceAccount ci/builder can get secrets in namespace ci through Role core-everything bound by RoleBinding core-everything',
              observed: 'Role core-everything: get on *',
            },
            {
              messageId: 'granted',
              resource: 'RoleBinding/ci/secrets-in-any-group',
              path: '/subjects/0',
              message:
                'ServiceAccount ci/builder can list secrets in namespace ci through Role secrets-in-any-group bound by RoleBinding secrets-in-any-group',
              observed: 'Role secrets-in-any-group: list on secrets.*',
            },
            {
              messageId: 'granted',
              resource: 'RoleBinding/shop/api-db-password',
              path: '/subjects/0',
              message:
                'ServiceAccount shop/api can get secrets in namespace shop through Role db-password bound by RoleBinding api-db-password (only on resourceNames db-password, db-ca)',
              observed: 'Role db-password: get on secrets (resourceNames: db-password, db-ca)',
            },
          ],
        },
        {
          name: 'built-in system subjects are reported when skipSubjects is emptied',
          fixture: 'system-subjects.yaml',
          options: { skipSubjects: [] },
          findings: [
            {
              messageId: 'granted',
              resource: 'ClusterRoleBinding/cluster-admin',
              path: '/subjects/0',
              message:
                'Group system:masters can get/list/watch secrets cluster-wide through ClusterRole cluster-admin bound by ClusterRoleBinding cluster-admin',
              observed: 'ClusterRole cluster-admin: * on *.*',
            },
            {
              messageId: 'granted',
              resource: 'ClusterRoleBinding/system:kube-controller-manager',
              path: '/subjects/0',
              message:
                'User system:kube-controller-manager can get secrets cluster-wide through ClusterRole system:kube-controller-manager bound by ClusterRoleBinding system:kube-controller-manager',
            },
            { messageId: 'granted', resource: 'ClusterRoleBinding/system:kube-controller-manager', path: '/subjects/1' },
            {
              messageId: 'granted',
              resource: 'RoleBinding/kube-system/system:controller:token-cleaner',
              path: '/subjects/0',
              message:
                'ServiceAccount kube-system/token-cleaner can get/list/watch secrets in namespace kube-system through Role system:controller:token-cleaner bound by RoleBinding system:controller:token-cleaner',
              observed: 'Role system:controller:token-cleaner: get,list,watch on secrets',
            },
            { messageId: 'granted', resource: 'RoleBinding/kube-system/system:controller:token-cleaner', path: '/subjects/1' },
          ],
        },
      ],
    },
    it,
  );
});

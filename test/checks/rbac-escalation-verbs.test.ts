import { describe, it } from '@jest/globals';
import check from '../../checks/rbac-escalation-verbs.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const clusterScopedOnly = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: impersonator}
rules:
- {apiGroups: [""], resources: [users, groups], verbs: [impersonate]}
- {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [escalate]}
- {apiGroups: [rbac.authorization.k8s.io], resources: [rolebindings], verbs: ["*"]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: impersonator, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: impersonator}
subjects:
- {kind: ServiceAccount, name: api, namespace: shop}
`;

const wildcardVerbs = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: rbac-admin}
rules:
- {apiGroups: [rbac.authorization.k8s.io], resources: ["*"], verbs: ["*"]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: rbac-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: rbac-admin}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: User, name: dave@example.com}
`;

describe('rbac-escalation-verbs', () => {
  new CheckTester(check).register(
    {
      pass: [{ name: 'cluster-scoped escalation through a RoleBinding grants nothing', yaml: clusterScopedOnly }],
      fail: [
        {
          fixture: 'fail-escalation.yaml',
          findings: [
            {
              messageId: 'granted',
              resource: 'ClusterRoleBinding/platform-rbac-manager',
              path: '/subjects/0',
              message:
                'Group oidc:platform-team can bind/escalate roles, clusterroles; impersonate users, groups, serviceaccounts cluster-wide through ClusterRole platform-rbac-manager bound by ClusterRoleBinding platform-rbac-manager',
              observed:
                'ClusterRole platform-rbac-manager: escalate,bind on clusterroles.rbac.authorization.k8s.io,roles.rbac.authorization.k8s.io; ClusterRole platform-rbac-manager: impersonate on users,groups,serviceaccounts',
              expected: 'no bind, escalate or impersonate outside the few administrators and controllers that manage RBAC',
            },
            {
              messageId: 'granted',
              resource: 'RoleBinding/shop/shop-rbac-manager',
              path: '/subjects/0',
              message:
                'User carol@example.com can bind/escalate roles; bind clusterroles; impersonate serviceaccounts in namespace shop through ClusterRole platform-rbac-manager bound by RoleBinding shop-rbac-manager',
              observed:
                'ClusterRole platform-rbac-manager: escalate,bind on clusterroles.rbac.authorization.k8s.io,roles.rbac.authorization.k8s.io; ClusterRole platform-rbac-manager: impersonate on serviceaccounts',
            },
            {
              messageId: 'granted',
              resource: 'RoleBinding/shop/bind-viewer-only',
              path: '/subjects/0',
              message:
                'ServiceAccount shop/onboarding can bind clusterroles in namespace shop through Role bind-viewer-only bound by RoleBinding bind-viewer-only (only on resourceNames view)',
              observed: 'Role bind-viewer-only: bind on clusterroles.rbac.authorization.k8s.io (resourceNames: view)',
            },
          ],
        },
        {
          name: "'*' verbs on RBAC resources include bind and escalate",
          yaml: wildcardVerbs,
          findings: [
            {
              messageId: 'granted',
              resource: 'ClusterRoleBinding/rbac-admin',
              path: '/subjects/0',
              message:
                'User dave@example.com can bind/escalate roles, clusterroles cluster-wide through ClusterRole rbac-admin bound by ClusterRoleBinding rbac-admin',
              observed: 'ClusterRole rbac-admin: * on *.rbac.authorization.k8s.io',
            },
          ],
        },
      ],
    },
    it,
  );
});

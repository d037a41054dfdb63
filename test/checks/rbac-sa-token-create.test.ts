import { describe, it } from '@jest/globals';
import check from '../../checks/rbac-sa-token-create.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const fail = `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: token-minter, namespace: shop}
rules:
- {apiGroups: [""], resources: [serviceaccounts/token], verbs: [create]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: token-minter, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: token-minter}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: User, name: alice@example.com}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: cni-token}
rules:
- {apiGroups: [""], resources: [serviceaccounts/token], resourceNames: [cni-plugin], verbs: [create]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: cni-token}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cni-token}
subjects:
- {kind: ServiceAccount, name: cni-node, namespace: networking}
- {kind: ServiceAccount, name: calico-node, namespace: kube-system}
`;

const pass = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: sa-manager}
rules:
- {apiGroups: [""], resources: [serviceaccounts], verbs: [create, get, list, update]}
- {apiGroups: [authentication.k8s.io], resources: [tokenreviews], verbs: [create]}
- {apiGroups: [""], resources: [serviceaccounts/token], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: sa-manager}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: sa-manager}
subjects:
- {kind: ServiceAccount, name: platform, namespace: platform}
`;

describe('rbac-sa-token-create', () => {
  new CheckTester(check).register(
    {
      pass: [{ name: 'ServiceAccount management and token reviews do not mint tokens', yaml: pass }],
      fail: [
        {
          name: 'a Role in a namespace, and a ClusterRole limited to one account',
          yaml: fail,
          findings: [
            {
              messageId: 'granted',
              resource: 'RoleBinding/shop/token-minter',
              path: '/subjects/0',
              message:
                'User alice@example.com can create serviceaccounts/token in namespace shop through Role token-minter bound by RoleBinding token-minter',
              observed: 'Role token-minter: create on serviceaccounts/token',
              expected: 'create on serviceaccounts/token only for the kubelet and controllers, or for named accounts',
            },
            {
              messageId: 'granted',
              resource: 'ClusterRoleBinding/cni-token',
              path: '/subjects/0',
              message:
                'ServiceAccount networking/cni-node can create serviceaccounts/token cluster-wide through ClusterRole cni-token bound by ClusterRoleBinding cni-token (only on resourceNames cni-plugin)',
              observed: 'ClusterRole cni-token: create on serviceaccounts/token (resourceNames: cni-plugin)',
            },
          ],
        },
      ],
    },
    it,
  );
});

import { describe, it } from '@jest/globals';
import check from '../../checks/rbac-csr-approval.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const fail = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: csr-approver}
rules:
- {apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests], verbs: [get, list, watch]}
- {apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/approval], verbs: [update]}
- {apiGroups: [certificates.k8s.io], resources: [signers], resourceNames: [example.com/my-signer], verbs: [approve]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: csr-approver}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: csr-approver}
subjects:
- {kind: ServiceAccount, name: deployer, namespace: ci}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: my-signer-approver}
rules:
- {apiGroups: [certificates.k8s.io], resources: [signers], resourceNames: [example.com/my-signer], verbs: [approve]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: my-signer-approver}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: my-signer-approver}
subjects:
- {kind: ServiceAccount, name: issuer, namespace: cert-manager}
`;

const pass = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: csr-requester}
rules:
- {apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests], verbs: [create, get, list, watch, update]}
- {apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/status], verbs: [update]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: csr-requester}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: csr-requester}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: Group, name: system:bootstrappers}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: approver-in-namespace, namespace: ci}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: csr-approver}
subjects:
- {kind: ServiceAccount, name: deployer, namespace: ci}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: csr-approver}
rules:
- {apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/approval], verbs: [update, patch]}
`;

describe('rbac-csr-approval', () => {
  new CheckTester(check).register(
    {
      pass: [{ name: 'CSR requesters, and approval through a RoleBinding (cluster-scoped, grants nothing)', yaml: pass }],
      fail: [
        {
          name: 'update on approval, approve on a named signer',
          yaml: fail,
          findings: [
            {
              messageId: 'granted',
              resource: 'ClusterRoleBinding/csr-approver',
              path: '/subjects/0',
              message:
                'ServiceAccount ci/deployer can update certificatesigningrequests/approval; approve signers cluster-wide through ClusterRole csr-approver bound by ClusterRoleBinding csr-approver',
              observed:
                'ClusterRole csr-approver: update on certificatesigningrequests.certificates.k8s.io/approval; ClusterRole csr-approver: approve on signers.certificates.k8s.io (resourceNames: example.com/my-signer)',
              expected: 'CSR approval only for the controllers and administrators that approve certificates',
            },
            {
              messageId: 'granted',
              resource: 'ClusterRoleBinding/my-signer-approver',
              path: '/subjects/0',
              message:
                'ServiceAccount cert-manager/issuer can approve signers cluster-wide through ClusterRole my-signer-approver bound by ClusterRoleBinding my-signer-approver (only on resourceNames example.com/my-signer)',
            },
          ],
        },
      ],
    },
    it,
  );
});

import { describe, it } from '@jest/globals';
import check from '../../checks/rbac-create-persistent-volumes.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const storageAdmin = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: storage-admin}
rules:
- {apiGroups: [""], resources: [persistentvolumes, persistentvolumeclaims], verbs: [get, list, create, delete]}
`;

const clusterWide = `${storageAdmin}---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: storage-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: storage-admin}
subjects:
- {kind: ServiceAccount, name: app, namespace: shop}
- {kind: ServiceAccount, name: csi-provisioner, namespace: kube-system}
`;

// PersistentVolumes are cluster-scoped: a RoleBinding cannot grant them.
const namespaced = `${storageAdmin}---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: storage-admin, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: storage-admin}
subjects:
- {kind: ServiceAccount, name: app, namespace: shop}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: claims-only}
rules:
- {apiGroups: [""], resources: [persistentvolumeclaims], verbs: [create]}
- {apiGroups: [""], resources: [persistentvolumes], verbs: [get, list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: claims-only}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: claims-only}
subjects:
- {kind: ServiceAccount, name: app, namespace: shop}
`;

describe('rbac-create-persistent-volumes', () => {
  new CheckTester(check).register(
    {
      pass: [{ name: 'RoleBinding and read-only access grant no PV creation', yaml: namespaced }],
      fail: [
        {
          name: 'ClusterRoleBinding granting create on persistentvolumes (kube-system provisioner skipped)',
          yaml: clusterWide,
          findings: [
            {
              messageId: 'granted',
              resource: 'ClusterRoleBinding/storage-admin',
              path: '/subjects/0',
              message:
                'ServiceAccount shop/app can create persistentvolumes cluster-wide through ClusterRole storage-admin bound by ClusterRoleBinding storage-admin',
              observed: 'ClusterRole storage-admin: create on persistentvolumes',
              expected: 'create on persistentvolumes only for storage provisioners',
            },
          ],
        },
        {
          name: 'the kube-system provisioner is reported when skipSubjects is emptied',
          yaml: clusterWide,
          options: { skipSubjects: [] },
          findings: [
            { messageId: 'granted', resource: 'ClusterRoleBinding/storage-admin', path: '/subjects/0' },
            {
              messageId: 'granted',
              resource: 'ClusterRoleBinding/storage-admin',
              path: '/subjects/1',
              message:
                'ServiceAccount kube-system/csi-provisioner can create persistentvolumes cluster-wide through ClusterRole storage-admin bound by ClusterRoleBinding storage-admin',
            },
          ],
        },
      ],
    },
    it,
  );
});

import { subjectRightCheck } from './_shared/rbac-subject-check.js';

export default subjectRightCheck({
  id: 'rbac-create-persistent-volumes',
  title: 'Only the subjects that need it can create PersistentVolumes',
  description:
    "A PersistentVolume can point at a hostPath on a node. A subject that can create one and a claim bound to it gets a pod access to the node's file system, past Pod Security Admission, which judges pods and not volumes. Storage provisioners create PersistentVolumes; people and applications should claim them. PersistentVolumes are cluster-scoped, so only ClusterRoleBindings can grant the right.",
  severity: 'low',
  requests: [{ verb: 'create', group: '', resource: 'persistentvolumes', clusterScoped: true }],
  expected: 'create on persistentvolumes only for storage provisioners',
  remediation:
    "Remove create on persistentvolumes from the role and let workloads request storage through PersistentVolumeClaims and a StorageClass whose provisioner creates the volumes. Keep the right for the provisioners' own service accounts.",
  references: [
    'CIS Kubernetes Benchmark 5.1.9',
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#persistent-volume-creation',
  ],
  example: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: storage-admin}
rules:
- {apiGroups: [""], resources: [persistentvolumes], verbs: [get, list, create, delete]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: storage-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: storage-admin}
subjects:
- {kind: ServiceAccount, name: app, namespace: shop}`,
});

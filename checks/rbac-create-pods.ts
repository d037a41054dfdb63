import { type AccessRequest } from './_shared/rbac-rules.js';
import { subjectRightCheck } from './_shared/rbac-subject-check.js';

/** Creating any of these runs a pod, with any image, service account and volumes the namespace allows. */
const REQUESTS: AccessRequest[] = [
  { verb: 'create', group: '', resource: 'pods' },
  { verb: 'create', group: '', resource: 'replicationcontrollers' },
  { verb: 'create', group: 'apps', resource: 'deployments' },
  { verb: 'create', group: 'apps', resource: 'replicasets' },
  { verb: 'create', group: 'apps', resource: 'statefulsets' },
  { verb: 'create', group: 'apps', resource: 'daemonsets' },
  { verb: 'create', group: 'batch', resource: 'jobs' },
  { verb: 'create', group: 'batch', resource: 'cronjobs' },
];

export default subjectRightCheck({
  id: 'rbac-create-pods',
  title: 'Only the subjects that need it can create pods',
  description:
    'A subject that can create a pod, directly or through a workload controller (Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob, ReplicationController), can run any code in the namespace as any of its service accounts, mount any Secret and ConfigMap there, and, unless admission control stops it, start a privileged pod that takes over its node. The check reports each binding that grants create on pods or on those controllers, with its scope.',
  severity: 'medium',
  requests: REQUESTS,
  expected: 'create on pods and workload controllers only for deployers and controllers that need it, in their own namespaces',
  remediation:
    'Grant create on pods and workload controllers only to the deployment pipeline and the controllers that need it, through RoleBindings in the namespaces they deploy to. Give people read access and let them deploy through the pipeline. Enforce Pod Security Admission (baseline or restricted) in every namespace, so that the right to create pods is not the right to take over a node.',
  references: ['CIS Kubernetes Benchmark 5.1.4', 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation'],
  example: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: deployer}
rules:
- {apiGroups: [apps], resources: [deployments], verbs: [get, list, create, update, patch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: developers-deploy}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: deployer}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: Group, name: developers}`,
});

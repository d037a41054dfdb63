import { type AccessRequest } from './_shared/rbac-rules.js';
import { subjectRightCheck } from './_shared/rbac-subject-check.js';

const VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'];
const RESOURCES = ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations'];
const REQUESTS: AccessRequest[] = RESOURCES.flatMap((resource) =>
  VERBS.map((verb) => ({ verb, group: 'admissionregistration.k8s.io', resource, clusterScoped: true })),
);

export default subjectRightCheck({
  id: 'rbac-webhook-config',
  title: 'Only the subjects that need it can change admission webhook configurations',
  description:
    'Admission webhooks see, and mutating webhooks rewrite, every object the API server admits, Secrets included. A subject that can create or change a webhook configuration can send those objects to a server of its choice or inject containers into every pod; one that can delete them switches off the policy engines they implement. create, update, patch, delete and deletecollection on validating and mutating webhook configurations are reported (both kinds are cluster-scoped, so only ClusterRoleBindings count).',
  severity: 'medium',
  requests: REQUESTS,
  expected: 'write access to webhook configurations only for the operators that install their own webhooks',
  remediation:
    'Remove write verbs on validatingwebhookconfigurations and mutatingwebhookconfigurations from the role. Operators that manage their own webhook should be limited to it with resourceNames (update, patch, delete), and the configurations installed by the deployment pipeline.',
  references: [
    'CIS Kubernetes Benchmark 5.1.12',
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#control-admission-webhooks',
  ],
  example: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: webhook-manager}
rules:
- {apiGroups: [admissionregistration.k8s.io], resources: [mutatingwebhookconfigurations], verbs: [get, create, update, delete]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: webhook-manager}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: webhook-manager}
subjects:
- {kind: ServiceAccount, name: operator, namespace: tools}`,
});

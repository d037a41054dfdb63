import { subjectRightCheck } from './_shared/rbac-subject-check.js';

export default subjectRightCheck({
  id: 'rbac-secrets-access',
  title: 'Only the subjects that need it can read Secrets',
  description:
    'Reading a Secret hands over what it protects: service-account tokens, registry and database passwords, TLS keys. get, list and watch all return Secret values (list and watch return every Secret in scope at once), so each user, group and service account that holds them through a RoleBinding or ClusterRoleBinding is a path to those credentials. The check resolves subjects through their bindings to the effective rules of the bound role (aggregated ClusterRoles included) and reports each binding that grants the right, with its scope. A rule limited by resourceNames is reported too, and the finding says which names.',
  severity: 'high',
  requests: [
    { verb: 'get', group: '', resource: 'secrets' },
    { verb: 'list', group: '', resource: 'secrets' },
    { verb: 'watch', group: '', resource: 'secrets' },
  ],
  expected: 'no get, list or watch on secrets unless the subject needs it, and then in its own namespace and for named Secrets',
  remediation:
    'Remove secrets from the role, or split the role so that only the workload that needs a Secret gets it: a Role in that namespace, with get (not list or watch) and resourceNames naming the Secrets it reads. Prefer mounting Secrets into pods over reading them through the API. Replace cluster-wide bindings by RoleBindings.',
  references: ['CIS Kubernetes Benchmark 5.1.2', 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets'],
  example: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reporter-secrets, namespace: payments}
rules:
- {apiGroups: [""], resources: [secrets], verbs: [get, list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: reporter-secrets, namespace: payments}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reporter-secrets}
subjects:
- {kind: ServiceAccount, name: reporter, namespace: payments}`,
});

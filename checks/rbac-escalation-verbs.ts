import { subjectRightCheck } from './_shared/rbac-subject-check.js';

const RBAC = 'rbac.authorization.k8s.io';

export default subjectRightCheck({
  id: 'rbac-escalation-verbs',
  title: 'Only the subjects that need it hold bind, escalate or impersonate',
  description:
    'Three verbs lift the guard RBAC puts on itself. bind on roles or clusterroles lets a subject create bindings to roles with rights it does not hold; escalate lets it write roles with rights it does not hold; impersonate on users, groups or serviceaccounts lets it act as another identity, system:masters included. Any of them is a path to cluster-admin. Through a RoleBinding, escalate on clusterroles and impersonate on users and groups grant nothing (they act at cluster scope) and are not reported.',
  severity: 'high',
  requests: [
    { verb: 'bind', group: RBAC, resource: 'roles' },
    { verb: 'bind', group: RBAC, resource: 'clusterroles' },
    { verb: 'escalate', group: RBAC, resource: 'roles' },
    { verb: 'escalate', group: RBAC, resource: 'clusterroles', clusterScoped: true },
    { verb: 'impersonate', group: '', resource: 'users', clusterScoped: true },
    { verb: 'impersonate', group: '', resource: 'groups', clusterScoped: true },
    { verb: 'impersonate', group: '', resource: 'serviceaccounts' },
  ],
  expected: 'no bind, escalate or impersonate outside the few administrators and controllers that manage RBAC',
  remediation:
    "Remove bind, escalate and impersonate from the role. A subject that manages RBAC for others needs bind only on the roles it may hand out (list them in resourceNames) and no escalate. Replace impersonation by the subject's own, narrower rights; if a tool must impersonate, restrict it to named users or service accounts with resourceNames.",
  references: ['CIS Kubernetes Benchmark 5.1.8', 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#bind-verb'],
  example: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: platform-rbac-manager}
rules:
- {apiGroups: [rbac.authorization.k8s.io], resources: [roles, clusterroles], verbs: [get, list, create, update, escalate, bind]}
- {apiGroups: [""], resources: [users, groups, serviceaccounts], verbs: [impersonate]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: platform-rbac-manager}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: platform-rbac-manager}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: Group, name: oidc:platform-team}`,
});

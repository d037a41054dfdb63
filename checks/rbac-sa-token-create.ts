import { subjectRightCheck } from './_shared/rbac-subject-check.js';

export default subjectRightCheck({
  id: 'rbac-sa-token-create',
  title: 'Only the subjects that need it can create service-account tokens',
  description:
    'create on serviceaccounts/token (the TokenRequest API) issues a token for a service account, so the subject acts with every right that account holds, for as long as the token lives and without running any pod. The check reports each binding that grants it; a rule limited by resourceNames names the only accounts whose tokens can be requested, and the finding says so.',
  severity: 'medium',
  requests: [{ verb: 'create', group: '', resource: 'serviceaccounts', subresource: 'token' }],
  expected: 'create on serviceaccounts/token only for the kubelet and controllers, or for named accounts',
  remediation:
    'Remove serviceaccounts/token from the role. A component that needs a token for one account should get create on serviceaccounts/token with resourceNames naming that account, in its namespace. Workloads get their own tokens through projected volumes, without this right.',
  references: [
    'CIS Kubernetes Benchmark 5.1.13',
    'https://kubernetes.io/docs/reference/kubernetes-api/authentication-resources/token-request-v1/',
  ],
  example: `apiVersion: rbac.authorization.k8s.io/v1
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
- {apiGroup: rbac.authorization.k8s.io, kind: User, name: alice@example.com}`,
});

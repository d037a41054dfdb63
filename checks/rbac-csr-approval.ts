import { subjectRightCheck } from './_shared/rbac-subject-check.js';

const CERTS = 'certificates.k8s.io';

export default subjectRightCheck({
  id: 'rbac-csr-approval',
  title: 'Only the subjects that need it can approve certificate signing requests',
  description:
    'Approving a CertificateSigningRequest makes the cluster sign a client certificate with whatever user name and groups the request asks for, system:masters included, and a certificate cannot be revoked. Approval takes update (or patch) on certificatesigningrequests/approval and approve on the signer; each right is reported where a ClusterRoleBinding grants it (both are cluster-scoped).',
  severity: 'medium',
  requests: [
    { verb: 'update', group: CERTS, resource: 'certificatesigningrequests', subresource: 'approval', clusterScoped: true },
    { verb: 'patch', group: CERTS, resource: 'certificatesigningrequests', subresource: 'approval', clusterScoped: true },
    { verb: 'approve', group: CERTS, resource: 'signers', clusterScoped: true },
  ],
  expected: 'CSR approval only for the controllers and administrators that approve certificates',
  remediation:
    'Remove update and patch on certificatesigningrequests/approval and approve on signers from the role. Leave approval to the built-in approvers and to a named administrator group; where a tool must approve, restrict approve to its own signer with resourceNames (e.g. example.com/my-signer).',
  references: [
    'CIS Kubernetes Benchmark 5.1.11',
    'https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization',
  ],
  example: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: csr-approver}
rules:
- {apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/approval], verbs: [update]}
- {apiGroups: [certificates.k8s.io], resources: [signers], verbs: [approve]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: csr-approver}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: csr-approver}
subjects:
- {kind: ServiceAccount, name: deployer, namespace: ci}`,
});

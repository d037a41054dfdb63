import { defineCheck } from '../src/core/check.js';
import type { ClusterRoleBinding } from '../src/core/k8s.js';

/** Subjects kubeadm and the API server bind to cluster-admin by design. */
const EXPECTED_SUBJECTS = new Set(['Group/system:masters', 'Group/kubeadm:cluster-admins']);

export default defineCheck({
  meta: {
    id: 'rbac-cluster-admin-binding',
    title: 'cluster-admin is bound only where required',
    description:
      'The cluster-admin ClusterRole grants every verb on every resource. Each binding of it to a user, group or service account beyond the built-in system:masters group is a standing super-user credential that an auditor must justify.',
    severity: 'high',
    requires: ['clusterRoleBindings', 'roleBindings'],
    messages: { bound: '{{subjectKind}} {{subject}} is bound to cluster-admin by {{bindingKind}} {{binding}}' },
    remediation:
      'Bind a narrower ClusterRole (or a namespaced Role) that grants only the verbs and resources the subject needs, then delete the cluster-admin binding. Keep break-glass access in system:masters certificates held offline.',
    references: ['CIS Kubernetes Benchmark 5.1.1', 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles'],
    example: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: legacy-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
- {kind: ServiceAccount, name: default, namespace: legacy}`,
  },
  select: (inv) =>
    [...inv.clusterRoleBindings, ...inv.roleBindings].filter(
      (b) => b.roleRef?.kind === 'ClusterRole' && b.roleRef?.name === 'cluster-admin',
    ),
  evaluate(binding: ClusterRoleBinding, ctx) {
    (binding.subjects ?? []).forEach((s, i) => {
      if (EXPECTED_SUBJECTS.has(`${s.kind}/${s.name}`)) return;
      const subject = s.kind === 'ServiceAccount' ? `${s.namespace ?? binding.metadata.namespace}/${s.name}` : s.name;
      ctx.report({
        messageId: 'bound',
        path: `/subjects/${i}`,
        data: { subjectKind: s.kind, subject, bindingKind: binding.kind, binding: binding.metadata.name },
        observed: `roleRef cluster-admin, subject ${s.kind} ${subject}`,
        expected: 'no binding of cluster-admin beyond system:masters',
      });
    });
  },
});

import { defineCheck } from '../src/core/check.js';
import type { KObject } from '../src/core/k8s.js';
import { RBAC_KEYS, rbacIndex, subjectLabel, subjectsOf } from './_shared/rbac-index.js';

export default defineCheck({
  meta: {
    id: 'rbac-dangling-binding',
    title: 'Bindings refer to roles that exist',
    description:
      "A RoleBinding or ClusterRoleBinding whose roleRef names a Role or ClusterRole that does not exist grants nothing today. It is a loaded gun: whoever can create a role of that name (a Helm chart, an operator, anyone with create on roles in the namespace) silently grants it to the binding's subjects. Dangling bindings usually remain after an application was uninstalled.",
    severity: 'low',
    requires: RBAC_KEYS,
    judgesAbsence: ['roles', 'clusterRoles'],
    messages: { dangling: '{{kind}} {{name}} binds {{roleKind}} {{role}}, which does not exist, to {{subjects}}' },
    remediation: 'Delete the binding, or recreate the role it names on purpose. Review who may create roles of that name meanwhile.',
    references: ['https://kubernetes.io/docs/reference/access-authn-authz/rbac/#rolebinding-and-clusterrolebinding'],
    example: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: old-operator, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: old-operator}
subjects:
- {kind: ServiceAccount, name: old-operator, namespace: shop}`,
  },
  select: (inv) => rbacIndex(inv).dangling,
  evaluate(binding: KObject, ctx) {
    const ref = (binding.roleRef ?? {}) as { kind?: string; name?: string };
    const subjects = subjectsOf(binding)
      .filter((s) => s && typeof s.name === 'string')
      .map((s) => `${s.kind} ${subjectLabel(binding, s)}`);
    ctx.report({
      messageId: 'dangling',
      path: '/roleRef',
      data: {
        kind: binding.kind,
        name: `${binding.metadata.namespace ? `${binding.metadata.namespace}/` : ''}${binding.metadata.name}`,
        roleKind: String(ref.kind ?? 'role'),
        role: String(ref.name ?? '(unnamed)'),
        subjects: subjects.join(', ') || 'no subject',
      },
      observed: `roleRef ${String(ref.kind ?? '')} ${String(ref.name ?? '')} not found${ref.kind === 'Role' && binding.kind === 'ClusterRoleBinding' ? ' (a ClusterRoleBinding cannot refer to a Role)' : ''}`,
      expected: 'a roleRef naming an existing role',
    });
  },
});

import { defineCheck } from '../src/core/check.js';
import type { KObject } from '../src/core/k8s.js';
import { RBAC_KEYS, rbacIndex, type RbacSubject } from './_shared/rbac-index.js';
import { globMatches } from './_shared/rbac-skip-subjects.js';

/** The binding Kubernetes creates at bootstrap: cluster-admin for system:masters. */
const DEFAULT_ALLOWED = ['ClusterRoleBinding/cluster-admin'];

interface MastersSubject {
  binding: KObject;
  subjectIndex: number;
  role?: KObject;
}

const bindingKey = (b: KObject): string =>
  b.kind === 'RoleBinding' ? `RoleBinding/${b.metadata.namespace ?? ''}/${b.metadata.name}` : `ClusterRoleBinding/${b.metadata.name}`;

export default defineCheck({
  meta: {
    id: 'rbac-system-masters',
    title: 'The system:masters group appears only in the built-in cluster-admin binding',
    description:
      'Members of system:masters are authorised before RBAC is consulted: they can do anything, whatever the bindings say, and membership comes from the O= field of a client certificate, which cannot be revoked before it expires. Kubernetes binds the group to cluster-admin once (ClusterRoleBinding cluster-admin) for break-glass access. Any other binding to system:masters shows that credentials in the group are in use or planned, or that someone expects RBAC to limit them, which it cannot. The check reports each such binding (option allowedBindings lists the accepted ones). Certificates already issued with O=system:masters are invisible to the API, so 5.1.7 still needs a review of how client certificates are issued.',
    severity: 'high',
    requires: RBAC_KEYS,
    messages: { masters: '{{bindingKind}} {{binding}} grants {{roleKind}} {{role}} {{scope}} to Group system:masters' },
    remediation:
      'Delete the binding; it grants nothing system:masters does not already hold. Give administrators identities in an ordinary group (from the identity provider or a certificate with another O=) bound to the roles they need, keep system:masters credentials offline for break-glass use, and rotate the cluster CA if such certificates may have leaked.',
    references: ['CIS Kubernetes Benchmark 5.1.7', 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege'],
    options: {
      defaults: { allowedBindings: DEFAULT_ALLOWED },
      schema: {
        type: 'object',
        properties: {
          allowedBindings: {
            type: 'array',
            items: { type: 'string' },
            description: 'Bindings accepted, as ClusterRoleBinding/<name> or RoleBinding/<namespace>/<name> patterns (* matches anything).',
          },
        },
        additionalProperties: false,
      },
    },
    example: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ops-masters}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ops}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: Group, name: system:masters}`,
  },
  select: (inv, options) => {
    const allowed = options.allowedBindings;
    const index = rbacIndex(inv);
    const out: MastersSubject[] = [];
    for (const binding of [...inv.roleBindings, ...inv.clusterRoleBindings]) {
      if (allowed.some((p) => globMatches(p, bindingKey(binding)))) continue;
      const subjects: RbacSubject[] = Array.isArray(binding.subjects) ? binding.subjects : [];
      subjects.forEach((s, subjectIndex) => {
        if (s?.kind === 'Group' && s.name === 'system:masters') out.push({ binding, subjectIndex, role: index.roleOf(binding) });
      });
    }
    return out;
  },
  resourceOf: ({ binding }: MastersSubject) => ({
    apiVersion: binding.apiVersion,
    kind: binding.kind,
    namespace: binding.metadata.namespace,
    name: binding.metadata.name,
  }),
  evaluate({ binding, subjectIndex, role }: MastersSubject, ctx) {
    const ref = (binding.roleRef ?? {}) as { kind?: string; name?: string };
    ctx.report({
      messageId: 'masters',
      path: `/subjects/${subjectIndex}`,
      data: {
        bindingKind: binding.kind,
        binding: binding.metadata.name,
        roleKind: ref.kind ?? 'role',
        role: ref.name ?? '(none)',
        scope: binding.kind === 'RoleBinding' ? `in namespace ${binding.metadata.namespace ?? ''}` : 'cluster-wide',
      },
      observed: `subject Group system:masters, roleRef ${ref.kind ?? '?'} ${ref.name ?? '?'}${role ? '' : ' (role not found)'}`,
      expected: 'Group system:masters only in the built-in ClusterRoleBinding cluster-admin',
    });
  },
});

import { defineCheck, refOf } from '../src/core/check.js';
import type { KObject } from '../src/core/k8s.js';
import { RBAC_KEYS, rbacIndex, type SubjectBinding } from './_shared/rbac-index.js';
import { describeMatch, scopeOf } from './_shared/rbac-wording.js';
import { globMatches } from './_shared/rbac-skip-subjects.js';

/** The broad identities: every unauthenticated request, or every authenticated one. */
const BROAD_SUBJECTS: Record<string, string> = {
  'User/system:anonymous': 'any unauthenticated request',
  'Group/system:unauthenticated': 'any unauthenticated request',
  'Group/system:authenticated': 'every authenticated user and service account',
};

/**
 * What Kubernetes grants these identities by default (API discovery, version and health,
 * self-reviews) and what kubeadm adds (anonymous read of ConfigMap kube-public/cluster-info, which
 * joining nodes verify against the CA pin of their join token).
 */
const DEFAULT_ALLOWED = [
  'ClusterRole/system:basic-user',
  'ClusterRole/system:discovery',
  'ClusterRole/system:public-info-viewer',
  'Role/kube-public/kubeadm:bootstrap-signer-clusterinfo',
];

const roleKey = (r: KObject): string =>
  r.kind === 'Role' ? `Role/${r.metadata.namespace ?? ''}/${r.metadata.name}` : `ClusterRole/${r.metadata.name}`;

export default defineCheck({
  meta: {
    id: 'rbac-anonymous-bindings',
    title: 'Anonymous and all-authenticated identities hold only the default discovery roles',
    description:
      'A binding to User system:anonymous or Group system:unauthenticated grants its rights to anyone who can reach the API server, without credentials. A binding to Group system:authenticated grants them to every user and every service account token in the cluster, so one leaked token of any workload is enough. Kubernetes binds these identities only to system:basic-user, system:discovery and system:public-info-viewer (API discovery, version, health and self-reviews). The check reports every other binding of them to a role that grants anything (option allowedRoles lists the accepted roles). The RoleBinding kube-public/kubeadm:bootstrap-signer-clusterinfo that kubeadm creates, which lets anonymous joiners read ConfigMap cluster-info, is accepted by default too; drop it from allowedRoles once nodes no longer join with bootstrap tokens.',
    severity: 'high',
    requires: RBAC_KEYS,
    messages: { broad: '{{subjectKind}} {{subject}} ({{who}}) is granted {{roleKind}} {{role}} {{scope}} by {{bindingKind}} {{binding}}' },
    remediation:
      'Bind the role to the groups or service accounts that need it instead of system:anonymous, system:unauthenticated or system:authenticated. If anonymous access is not needed at all, also run the API server with --anonymous-auth=false (or restrict it to the health endpoints with an AuthenticationConfiguration).',
    references: [
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#discovery-roles',
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#general-good-practice',
      'CIS Kubernetes Benchmark 5.1 (RBAC review)',
    ],
    options: {
      defaults: { allowedRoles: DEFAULT_ALLOWED },
      schema: {
        type: 'object',
        properties: {
          allowedRoles: {
            type: 'array',
            items: { type: 'string' },
            description: 'Roles these identities may hold, as ClusterRole/<name> or Role/<namespace>/<name> patterns (* matches anything).',
          },
        },
        additionalProperties: false,
      },
    },
    example: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: dashboards-reader}
rules:
- {apiGroups: [''], resources: [configmaps, pods], verbs: [get, list, watch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: dashboards-viewer, namespace: monitoring}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: dashboards-reader}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: Group, name: system:authenticated}`,
  },
  select: (inv, options) => {
    const allowed = options.allowedRoles;
    return rbacIndex(inv).subjectBindings.filter(
      (sb) => Object.hasOwn(BROAD_SUBJECTS, sb.key) && sb.rules.length > 0 && !allowed.some((p) => globMatches(p, roleKey(sb.role))),
    );
  },
  resourceOf: (sb: SubjectBinding) => refOf(sb.binding)!,
  evaluate(sb: SubjectBinding, ctx) {
    const [first, ...more] = sb.rules;
    if (!first) return; // collect keeps only bindings that grant rules
    ctx.report({
      messageId: 'broad',
      path: `/subjects/${sb.subjectIndex}`,
      data: {
        subjectKind: sb.subject.kind,
        subject: sb.label,
        who: BROAD_SUBJECTS[sb.key],
        roleKind: sb.roleKind,
        role: sb.role.metadata.name,
        scope: scopeOf(sb),
        bindingKind: sb.binding.kind,
        binding: sb.binding.metadata.name,
      },
      observed: `${describeMatch(sb, { effective: first })}${more.length ? ` (+${more.length} more rule${more.length > 1 ? 's' : ''})` : ''}`,
      expected: 'only system:basic-user, system:discovery and system:public-info-viewer for anonymous and all-authenticated identities',
    });
  },
});

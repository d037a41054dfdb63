import { defineCheck, refOf } from '../src/core/check.js';
import { identityOfBinding } from './_shared/rbac-identities.js';
import { RBAC_KEYS, rbacIndex, type SubjectBinding } from './_shared/rbac-index.js';
import { scopeOf } from './_shared/rbac-wording.js';

/**
 * A user name as an identity provider gives it: an e-mail (alice@example.com), a prefixed OIDC or
 * webhook name (oidc:alice, https://issuer#sub), or the API server's own (system:...). A bare name
 * (alice, ops-admin) is what a client certificate's common name gives.
 */
const fromIdentityProvider = (user: string): boolean => user.includes('@') || user.includes(':') || user.includes('/');

export default defineCheck({
  meta: {
    id: 'rbac-user-client-cert',
    title: 'No RBAC binding names a user that looks like a client certificate',
    description:
      "Client certificates cannot be revoked (the API server has no CRL check): a person who signs in with one keeps access until it expires, often a year or more, and their groups (the certificate's O fields) cannot be changed. RBAC bindings show who is expected to sign in: a User subject named with a bare name (no @ as in an e-mail, no prefix as an OIDC or webhook authenticator adds, not system:) is most likely the common name of a client certificate. Rule: a finding for each binding of such a user. Certificates already issued are not visible through the API, and a bare name may also come from an authenticator configured without a prefix: a human decides. Evidence for CIS 3.1.1.",
    severity: 'low',
    requires: RBAC_KEYS,
    messages: {
      bareUser:
        'User {{user}} (a bare name, as a client certificate gives it) is granted {{roleKind}} {{role}} {{scope}} by {{bindingKind}} {{binding}}',
    },
    remediation:
      "Give people identities from an OIDC or other identity provider (the API server's --oidc-* flags or an AuthenticationConfiguration, with a username prefix), bind those, and keep client certificates for components; remove the bindings of certificate users once their certificates expire.",
    references: [
      'CIS Kubernetes Benchmark 3.1.1',
      'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#x509-client-certificates',
    ],
    example: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: alice-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: User, name: alice}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: cluster-admin}
rules:
- {apiGroups: ['*'], resources: ['*'], verbs: ['*']}`,
  },
  select: (inv) =>
    rbacIndex(inv).subjectBindings.filter((sb) => {
      const id = identityOfBinding(sb);
      return id?.kind === 'User' && !fromIdentityProvider(id.name);
    }),
  resourceOf: (sb: SubjectBinding) => refOf(sb.binding)!,
  evaluate(sb: SubjectBinding, ctx) {
    ctx.report({
      messageId: 'bareUser',
      path: `/subjects/${sb.subjectIndex}`,
      observed: `User ${sb.subject.name}`,
      expected: 'users from an identity provider (e-mail or prefixed names)',
      data: {
        user: sb.subject.name,
        roleKind: sb.roleKind,
        role: sb.role.metadata.name,
        scope: scopeOf(sb),
        bindingKind: sb.binding.kind,
        binding: sb.binding.metadata.name,
      },
    });
  },
});

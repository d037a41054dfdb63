import { defineCheck } from '../src/core/check.js';
import { identityLabel } from './_shared/rbac-identities.js';
import { RBAC_KEYS } from './_shared/rbac-index.js';
import { SKIP_SUBJECTS_DOC, skipPatterns, skipSubjectOptions } from './_shared/rbac-skip-subjects.js';
import { legacyTokenReaders, readerText, type TokenReaders } from './_shared/rbac-token-readers.js';

export default defineCheck({
  meta: {
    id: 'rbac-legacy-token-readers',
    title: 'Legacy service-account token Secrets are readable by no one beyond the cluster admins',
    description:
      'A Secret of type kubernetes.io/service-account-token holds a token that never expires. Whoever can read it (get it by name, or list or watch Secrets in its namespace) can act as its service account for as long as the Secret exists, through any path RBAC allows: a binding of the subject itself, of a group it belongs to (system:serviceaccounts:<namespace>, system:authenticated) or of an aggregated role. Rule: for each token Secret (known by its type, or by the kubernetes.io/service-account.name annotation when Secrets are read metadata-only), the subjects the RBAC authorizer would allow such a read (kaudit who-can semantics); it fails when any of them is not a cluster admin by design, with each reader and the binding → role → rule that grants it. secret-legacy-sa-token flags the Secret itself. ' +
      SKIP_SUBJECTS_DOC,
    severity: 'high',
    requires: [...RBAC_KEYS, 'secrets'],
    messages: { readable: 'Secret {{secret}} holds a long-lived token of service account {{account}}, readable by {{readers}}' },
    remediation:
      'Delete the token Secret after moving its users to projected or `kubectl create token` tokens; until then remove get/list/watch on Secrets in its namespace from the readers (or restrict their rules with resourceNames to the Secrets they need).',
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets',
      'https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/#auto-generated-legacy-serviceaccount-token-clean-up',
    ],
    options: skipSubjectOptions(),
    example: `apiVersion: v1
kind: Secret
metadata:
  name: deployer-token
  namespace: ci
  annotations: {kubernetes.io/service-account.name: deployer}
type: kubernetes.io/service-account-token
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: secrets-reader, namespace: ci}
rules:
- {apiGroups: [''], resources: [secrets], verbs: [list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: reporter-secrets, namespace: ci}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: secrets-reader}
subjects:
- {kind: ServiceAccount, name: reporter, namespace: ci}`,
  },
  select: (inv, options) => legacyTokenReaders(inv, skipPatterns(options)).filter((t) => t.readers.length),
  resourceOf: (t: TokenReaders) => ({
    apiVersion: 'v1',
    kind: 'Secret',
    namespace: t.secret.metadata.namespace,
    name: t.secret.metadata.name,
  }),
  evaluate(t: TokenReaders, ctx) {
    ctx.report({
      messageId: 'readable',
      data: {
        secret: `${t.secret.metadata.namespace ?? ''}/${t.secret.metadata.name}`,
        account: t.account ?? '<unnamed>',
        readers: t.readers.map((r) => identityLabel(r.identity)).join(', '),
      },
      observed: t.readers.map(readerText).join('; '),
      expected: 'no reader of Secrets in the namespace beyond the cluster admins by design',
    });
  },
});

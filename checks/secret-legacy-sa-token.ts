import { defineCheck } from '../src/core/check.js';
import type { KObject } from '../src/core/k8s.js';
import { isServiceAccountToken, LEGACY_INVALID_SINCE_LABEL, LEGACY_LAST_USED_LABEL, SA_NAME_ANNOTATION } from './_shared/secrets.js';

export default defineCheck({
  meta: {
    id: 'secret-legacy-sa-token',
    title: 'No long-lived service-account token Secrets',
    description:
      'A Secret of type kubernetes.io/service-account-token holds a token that never expires: anyone who can read Secrets in its namespace (see ' +
      'rbac-secrets-access, CIS 5.1.2) can act as the service account for as long as the Secret exists. Since Kubernetes 1.24 pods get short-lived, ' +
      'audience-bound projected tokens instead. Secrets are read metadata-only, so a token Secret is recognised by its type (manifests) or by the ' +
      'kubernetes.io/service-account.name annotation the API server requires on it; the evidence gives the kubernetes.io/legacy-token-last-used label ' +
      'when the API server (1.29+) has set it.',
    severity: 'medium',
    requires: ['secrets'],
    messages: { legacyToken: 'Secret {{name}} holds a long-lived token of service account {{account}}' },
    remediation:
      'Delete the Secret after moving its users to projected tokens (a serviceAccountToken volume) or `kubectl create token` for short-lived ones. ' +
      'The legacy-token-last-used label tells whether anything still uses it; Kubernetes 1.30+ cleans up unused ones (LegacyServiceAccountTokenCleanUp).',
    references: [
      'https://kubernetes.io/docs/concepts/security/service-accounts/#get-a-token',
      'https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/#auto-generated-legacy-serviceaccount-token-clean-up',
    ],
    example: `apiVersion: v1
kind: Secret
metadata:
  name: ci-deployer-token
  namespace: ci
  annotations: {kubernetes.io/service-account.name: ci-deployer}
type: kubernetes.io/service-account-token`,
  },
  select: (inv) => inv.secrets.filter(isServiceAccountToken),
  evaluate(secret: KObject, ctx) {
    const labels = secret.metadata.labels ?? {};
    const lastUsed = labels[LEGACY_LAST_USED_LABEL];
    const invalid = labels[LEGACY_INVALID_SINCE_LABEL];
    ctx.report({
      messageId: 'legacyToken',
      data: { name: secret.metadata.name, account: secret.metadata.annotations?.[SA_NAME_ANNOTATION] ?? '<unnamed>' },
      path: secret.metadata.annotations?.[SA_NAME_ANNOTATION] ? '/metadata/annotations/kubernetes.io~1service-account.name' : '/type',
      observed: `a non-expiring token Secret${lastUsed ? `, last used ${lastUsed}` : ''}${invalid ? `, invalid since ${invalid}` : ''}`,
      expected: 'projected service-account tokens (short-lived, audience-bound), no token Secret',
    });
  },
});

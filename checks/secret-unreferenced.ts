import { defineCheck } from '../src/core/check.js';
import type { KObject } from '../src/core/k8s.js';
import { skippedSet, skipNamespacesOption } from './_shared/netpol-checks.js';
import { isRotatedByController, isServiceAccountToken, isToolState, referencedSecrets, SECRET_REFERENCE_KEYS } from './_shared/secrets.js';

export default defineCheck({
  meta: {
    id: 'secret-unreferenced',
    title: 'Secrets are used',
    description:
      'A Secret that nothing references is a credential nobody rotates and everyone with Secret read access can take: left over from a removed ' +
      'workload, a manual test, a migration. A Secret is referenced when a pod template or bare pod mounts it (secret, projected and CSI volumes), reads ' +
      'it into env (secretKeyRef, envFrom) or pulls images with it, when a ServiceAccount lists it (secrets, imagePullSecrets), or when an Ingress ' +
      'serves TLS from it. Not reported: service-account token Secrets (secret-legacy-sa-token), Helm release records, bootstrap tokens, and Secrets ' +
      'that are owned by another object or kept by cert-manager or External Secrets. References kaudit cannot see (annotations of ingress controllers, ' +
      'operators and applications reading the API) make this informational.',
    severity: 'info',
    requires: ['secrets', ...SECRET_REFERENCE_KEYS],
    // A finding is a missing reference: unread pods, accounts or ingresses must not look like none.
    judgesAbsence: SECRET_REFERENCE_KEYS,
    messages: { unreferenced: 'Secret {{name}} is not referenced by any pod, service account or ingress' },
    remediation: 'Find the owner of the Secret; delete it (and revoke the credential it holds) if nothing uses it.',
    references: ['https://kubernetes.io/docs/concepts/security/secrets-good-practices/'],
    options: skipNamespacesOption,
    example: `apiVersion: v1
kind: Secret
metadata: {name: old-db-password, namespace: shop}
type: Opaque
# no pod, ServiceAccount or Ingress in shop refers to old-db-password`,
  },
  select(inv, options) {
    const skip = skippedSet(options);
    const refs = referencedSecrets(inv);
    return inv.secrets.filter(
      (s) =>
        !skip.has(s.metadata.namespace ?? '') &&
        !refs.has(`${s.metadata.namespace ?? ''}/${s.metadata.name}`) &&
        !isServiceAccountToken(s) &&
        !isToolState(s) &&
        !isRotatedByController(s) &&
        !s.metadata.ownerReferences?.length,
    );
  },
  evaluate(secret: KObject, ctx) {
    ctx.report({
      messageId: 'unreferenced',
      data: { name: secret.metadata.name },
      observed: 'no reference from pod specs, ServiceAccounts or Ingress TLS',
      expected: 'a Secret that something uses, or none',
    });
  },
});

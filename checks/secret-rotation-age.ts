import { defineCheck, notAssessed } from '../src/core/check.js';
import type { KObject } from '../src/core/k8s.js';
import { skippedSet, skipNamespacesOption } from './_shared/netpol-checks.js';
import { isRotatedByController, isServiceAccountToken, isToolState } from './_shared/secrets.js';

const DAY_MS = 86_400_000;

interface Subject {
  object: KObject;
  ageDays: number;
}

export default defineCheck({
  meta: {
    id: 'secret-rotation-age',
    title: 'Secrets are rotated',
    description:
      'A credential that is never replaced stays valid for everyone who ever saw it. A Secret is reported when it was created more than maxAgeDays ' +
      '(default 365) before the scan (its creationTimestamp, measured from the time the Inventory was collected). Secrets a controller rotates in place ' +
      '(cert-manager, External Secrets) are skipped, as are service-account tokens, Helm release records and bootstrap tokens. Rotating a Secret by ' +
      'replacing it resets its age; updating its data in place does not, so such rotations need an exception.',
    severity: 'low',
    requires: ['secrets'],
    messages: { old: 'Secret {{name}} was created {{days}} days ago (more than {{max}})' },
    remediation:
      'Rotate the credential at its source, then replace the Secret (or have a controller such as External Secrets or cert-manager keep it current).',
    references: ['https://kubernetes.io/docs/concepts/security/secrets-good-practices/', 'NIST SP 800-57 Part 1 (cryptoperiods)'],
    options: {
      defaults: { ...skipNamespacesOption.defaults, maxAgeDays: 365 },
      schema: {
        ...skipNamespacesOption.schema,
        properties: { ...skipNamespacesOption.schema.properties, maxAgeDays: { type: 'integer', minimum: 1 } },
      },
    },
    example: `apiVersion: v1
kind: Secret
metadata: {name: payment-gateway, namespace: shop, creationTimestamp: '2021-03-01T09:00:00Z'}
type: Opaque`,
  },
  select(inv, options) {
    const now = Date.parse(inv.source.collectedAt);
    const dated = inv.secrets.filter(
      (s) => typeof s.metadata.creationTimestamp === 'string' && Number.isFinite(Date.parse(s.metadata.creationTimestamp)),
    );
    if (inv.secrets.length && !dated.length)
      return notAssessed('no Secret carries a creationTimestamp (manifests hold none), so no age can be judged');
    if (!Number.isFinite(now)) return notAssessed('the time of collection is unknown');
    const skip = skippedSet(options);
    return dated
      .filter((s) => !skip.has(s.metadata.namespace ?? '') && !isServiceAccountToken(s) && !isToolState(s) && !isRotatedByController(s))
      .map((object): Subject => ({ object, ageDays: Math.floor((now - Date.parse(object.metadata.creationTimestamp!)) / DAY_MS) }));
  },
  evaluate({ object, ageDays }: Subject, ctx) {
    const max = ctx.options.maxAgeDays;
    if (ageDays <= max) return;
    ctx.report({
      messageId: 'old',
      data: { name: object.metadata.name, days: ageDays, max },
      path: '/metadata/creationTimestamp',
      observed: `created ${object.metadata.creationTimestamp} (${ageDays} days before the scan)`,
      expected: `created at most ${max} days ago`,
    });
  },
});

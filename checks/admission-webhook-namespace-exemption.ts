import { defineCheck } from '../src/core/check.js';
import { sensitiveWebhooks, webhookRef, type Webhook } from './_shared/admission.js';

const NAME_LABEL = 'kubernetes.io/metadata.name';

/** The selector as evidence: excluded namespace names when it excludes by name, else the selector itself. */
function scope(w: Webhook): string | undefined {
  const sel = w.namespaceSelector;
  const expressions = sel?.matchExpressions ?? [];
  const labels = Object.entries(sel?.matchLabels ?? {});
  if (!expressions.length && !labels.length) return undefined;
  const excluded = expressions.filter((e) => e.key === NAME_LABEL && e.operator === 'NotIn').flatMap((e) => e.values ?? []);
  const parts = [
    ...(excluded.length ? [`skips namespaces ${excluded.join(', ')}`] : []),
    ...expressions
      .filter((e) => !(e.key === NAME_LABEL && e.operator === 'NotIn'))
      .map((e) => `only namespaces where ${e.key} ${e.operator}${e.values?.length ? ` (${e.values.join(', ')})` : ''}`),
    ...labels.map(([k, v]) => `only namespaces labelled ${k}=${v}`),
  ];
  return parts.join('; ');
}

export default defineCheck({
  meta: {
    id: 'admission-webhook-namespace-exemption',
    title: 'Admission webhooks guarding pods, secrets or RBAC: namespaces they exempt',
    description:
      "A namespaceSelector on a policy webhook exempts whole namespaces: anyone who can create objects there (or label a namespace to fall outside an opt-in selector) is not checked. Exempting the engine's own namespace is normal; exempting more should be deliberate. Rule (informational): a finding for each webhook covering pods, secrets or RBAC objects whose namespaceSelector is not empty, naming what it exempts.",
    severity: 'info',
    requires: ['validatingWebhookConfigurations', 'mutatingWebhookConfigurations'],
    messages: { exempts: '{{kind}} {{name}}: webhook {{webhook}} on {{resources}} {{scope}}' },
    remediation:
      "Keep the exemptions to the webhook's own namespace (and kube-system if its availability demands it), restrict who may create objects in exempted namespaces and who may label namespaces.",
    references: [
      'https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#matching-requests-namespaceselector',
    ],
    example: `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: policy}
webhooks:
- name: validate.policy.example.com
  namespaceSelector:
    matchExpressions: [{key: kubernetes.io/metadata.name, operator: NotIn, values: [policy, kube-system, monitoring]}]
  rules: [{apiGroups: [''], apiVersions: [v1], operations: [CREATE], resources: [pods]}]`,
  },
  select: sensitiveWebhooks,
  resourceOf: webhookRef,
  evaluate(w: Webhook, ctx) {
    const s = scope(w);
    if (!s) return;
    ctx.report({
      messageId: 'exempts',
      data: {
        kind: w.configuration.kind,
        name: w.configuration.metadata.name,
        webhook: w.name,
        resources: w.sensitive.join(', '),
        scope: s,
      },
      path: `/webhooks/${w.index}/namespaceSelector`,
      observed: s,
      expected: "every namespace but the webhook's own",
    });
  },
});

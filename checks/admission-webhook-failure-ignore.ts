import { defineCheck } from '../src/core/check.js';
import { sensitiveWebhooks, webhookRef, type Webhook } from './_shared/admission.js';

export default defineCheck({
  meta: {
    id: 'admission-webhook-failure-ignore',
    title: 'Admission webhooks guarding pods, secrets or RBAC fail closed',
    description:
      'A webhook with failurePolicy Ignore lets every request through while it is down, slow or unreachable: an attacker who can disrupt the policy engine (or wait for an upgrade) bypasses it. Rule: a finding for each webhook of a Validating or MutatingWebhookConfiguration whose rules cover pods, secrets, roles, role bindings, cluster roles or cluster role bindings (or `*`) and that sets failurePolicy: Ignore (admissionregistration.k8s.io/v1 defaults to Fail).',
    severity: 'medium',
    requires: ['validatingWebhookConfigurations', 'mutatingWebhookConfigurations'],
    messages: {
      ignore: '{{kind}} {{name}}: webhook {{webhook}} on {{resources}} lets requests through when it fails (failurePolicy: Ignore)',
    },
    remediation:
      'Set failurePolicy: Fail on webhooks that enforce security policy, run the webhook highly available (replicas, a PodDisruptionBudget) and exclude only the namespaces it needs to start (its own).',
    references: [
      'https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#failure-policy',
      'CIS Kubernetes Benchmark 5.5.1',
    ],
    example: `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: policy}
webhooks:
- name: validate.policy.example.com
  failurePolicy: Ignore
  rules: [{apiGroups: [''], apiVersions: [v1], operations: [CREATE], resources: [pods]}]`,
  },
  select: sensitiveWebhooks,
  resourceOf: webhookRef,
  evaluate(w: Webhook, ctx) {
    if (w.failurePolicy !== 'Ignore') return;
    ctx.report({
      messageId: 'ignore',
      data: { kind: w.configuration.kind, name: w.configuration.metadata.name, webhook: w.name, resources: w.sensitive.join(', ') },
      path: `/webhooks/${w.index}/failurePolicy`,
      observed: 'Ignore',
      expected: 'Fail',
    });
  },
});

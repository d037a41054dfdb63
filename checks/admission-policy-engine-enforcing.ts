import { defineCheck, needsReview } from '../src/core/check.js';
import type { InventoryKey } from '../src/core/inventory.js';
import { denyingBindings, enforcingKyverno, presence } from './_shared/admission.js';
import { clusterRef, clusterSubject, listed, type ClusterSubject } from './_shared/cluster.js';

const KEYS: InventoryKey[] = ['kyvernoClusterPolicies', 'kyvernoPolicies', 'gatekeeperConstraintTemplates', 'validatingAdmissionPolicies', 'validatingAdmissionPolicyBindings'];

export default defineCheck({
  meta: {
    id: 'admission-policy-engine-enforcing',
    title: 'An admission policy engine enforces policies (not only audits)',
    description:
      'Pod Security Admission covers pod fields only; registries, labels, signatures and RBAC hygiene need a policy engine that rejects, not one that reports. Rule: passes when a Kyverno ClusterPolicy or Policy has a validate or verifyImages rule in Enforce (policy-wide validationFailureAction or the rule\'s failureAction), or a ValidatingAdmissionPolicyBinding with validationActions Deny binds an existing policy. Gatekeeper ConstraintTemplates without either make the control manual: kaudit does not read the constraints\' enforcementAction. Kinds that are not served count as absent (engine not installed); kinds that could not be read make it not assessed. Evidence for CIS 5.2.1 and 5.5.1.',
    severity: 'high',
    requires: KEYS,
    judgesAbsence: KEYS,
    messages: { noEnforcement: 'No admission policy engine enforces a policy ({{evidence}})' },
    remediation:
      'Install a policy engine (Kyverno, Gatekeeper) or use ValidatingAdmissionPolicy (GA in 1.30), start policies in Audit, then switch them to Enforce (Kyverno validationFailureAction: Enforce; a binding with validationActions: [Deny]).',
    references: ['CIS Kubernetes Benchmark 5.2.1', 'CIS Kubernetes Benchmark 5.5.1', 'https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/', 'https://kyverno.io/docs/policy-types/cluster-policy/validate/'],
    example: `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: disallow-latest-tag}
spec:
  validationFailureAction: Audit
  rules:
  - name: require-tag
    match: {any: [{resources: {kinds: [Pod]}}]}
    validate: {message: 'use a tag', pattern: {spec: {containers: [{image: '!*:latest'}]}}}`,
  },
  select(inv) {
    const kyverno = enforcingKyverno(inv, 'validate').concat(enforcingKyverno(inv, 'verifyImages'));
    const bindings = denyingBindings(inv);
    if (kyverno.length || bindings.length) return [];
    const evidence = [
      presence(inv, ['kyvernoClusterPolicies', 'kyvernoPolicies'], 'Kyverno'),
      presence(inv, ['gatekeeperConstraintTemplates'], 'Gatekeeper'),
      presence(inv, ['validatingAdmissionPolicies', 'validatingAdmissionPolicyBindings'], 'ValidatingAdmissionPolicy'),
    ].join('; ');
    if (inv.gatekeeperConstraintTemplates.length)
      return needsReview(`Gatekeeper ConstraintTemplates found (${listed(inv.gatekeeperConstraintTemplates.map((t) => t.metadata.name))}); kaudit does not read whether their constraints deny (enforcementAction): review them (${evidence})`);
    return [clusterSubject(evidence)];
  },
  resourceOf: () => clusterRef(),
  evaluate(s: ClusterSubject<string>, ctx) {
    ctx.report({ messageId: 'noEnforcement', data: { evidence: s.facts }, observed: s.facts, expected: 'a Kyverno policy in Enforce, or a ValidatingAdmissionPolicyBinding with Deny' });
  },
});

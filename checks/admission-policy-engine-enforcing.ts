import { defineCheck } from '../src/core/check.js';
import { servedState, type Inventory, type InventoryKey } from '../src/core/inventory.js';
import { denyingBindings, denyingConstraints, enforcingKyverno, presence } from './_shared/admission.js';
import { clusterRef, clusterSubject, listed, type ClusterSubject } from './_shared/cluster.js';

const KEYS: InventoryKey[] = [
  'kyvernoClusterPolicies',
  'kyvernoPolicies',
  'gatekeeperConstraintTemplates',
  'gatekeeperConstraints',
  'validatingAdmissionPolicies',
  'validatingAdmissionPolicyBindings',
];

/** Templates as presence says, then the constraints and their actions when the group is served. */
function gatekeeperEvidence(inv: Inventory): string {
  const templates = presence(inv, ['gatekeeperConstraintTemplates'], 'Gatekeeper');
  if (servedState(inv, 'gatekeeperConstraints') !== 'served') return templates;
  const all = inv.gatekeeperConstraints;
  return `${templates}, constraints: ${all.length ? `${all.length}, none denies (${listed(all.map((c) => `${c.kind}/${c.name} ${c.enforcementAction}`))})` : 'none'}`;
}

export default defineCheck({
  meta: {
    id: 'admission-policy-engine-enforcing',
    title: 'An admission policy engine enforces policies (not only audits)',
    description:
      "Pod Security Admission covers pod fields only; registries, labels, signatures and RBAC hygiene need a policy engine that rejects, not one that reports. Rule: passes when a Kyverno ClusterPolicy or Policy has a validate or verifyImages rule in Enforce (policy-wide validationFailureAction or the rule's failureAction), a ValidatingAdmissionPolicyBinding with validationActions Deny binds an existing policy, or a Gatekeeper constraint (any kind of constraints.gatekeeper.sh) has enforcementAction deny (Gatekeeper's default; scoped counts when deny applies at the validation webhook); constraints in dryrun or warn only report. Kinds that are not served count as absent (engine not installed); kinds that could not be read make it not assessed. Evidence for CIS 5.2.1 and 5.5.1.",
    severity: 'high',
    requires: KEYS,
    judgesAbsence: KEYS,
    messages: { noEnforcement: 'No admission policy engine enforces a policy ({{evidence}})' },
    remediation:
      'Install a policy engine (Kyverno, Gatekeeper) or use ValidatingAdmissionPolicy (GA in 1.30), start policies in Audit, then switch them to Enforce (Kyverno validationFailureAction: Enforce; a Gatekeeper constraint with enforcementAction: deny, the default; a binding with validationActions: [Deny]).',
    references: [
      'CIS Kubernetes Benchmark 5.2.1',
      'CIS Kubernetes Benchmark 5.5.1',
      'https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/',
      'https://kyverno.io/docs/policy-types/cluster-policy/validate/',
    ],
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
    if (kyverno.length || bindings.length || denyingConstraints(inv).length) return [];
    const evidence = [
      presence(inv, ['kyvernoClusterPolicies', 'kyvernoPolicies'], 'Kyverno'),
      gatekeeperEvidence(inv),
      presence(inv, ['validatingAdmissionPolicies', 'validatingAdmissionPolicyBindings'], 'ValidatingAdmissionPolicy'),
    ].join('; ');
    return [clusterSubject(evidence)];
  },
  resourceOf: () => clusterRef(),
  evaluate(s: ClusterSubject<string>, ctx) {
    ctx.report({
      messageId: 'noEnforcement',
      data: { evidence: s.facts },
      observed: s.facts,
      expected:
        'a Kyverno policy in Enforce, a Gatekeeper constraint with enforcementAction deny, or a ValidatingAdmissionPolicyBinding with Deny',
    });
  },
});

import { describe, it } from '@jest/globals';
import check from '../../checks/admission-policy-engine-enforcing.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const kyverno = (action: string, ruleAction?: string) => `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: require-labels}
spec:
  validationFailureAction: ${action}
  rules:
  - name: labels
    match: {any: [{resources: {kinds: [Pod]}}]}
    validate: {${ruleAction ? `failureAction: ${ruleAction}, ` : ''}message: need labels, pattern: {metadata: {labels: {team: '?*'}}}}
---
`;
const vap = (actions: string, policyName = 'no-host-path') => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: no-host-path}
spec: {validations: [{expression: 'true'}]}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: no-host-path}
spec: {policyName: ${policyName}, validationActions: [${actions}]}
---
`;
const crd = (group: string, plural: string) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: ${plural}.${group}}
spec: {group: ${group}, names: {plural: ${plural}}, versions: [{name: v1, served: true}]}
---
`;
const NONE = 'Kyverno not installed; Gatekeeper not installed; ValidatingAdmissionPolicy not installed';

describe('admission-policy-engine-enforcing', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'a Kyverno policy in Enforce', yaml: kyverno('Enforce') },
        { name: 'a Kyverno rule in Enforce in an Audit policy', yaml: kyverno('Audit', 'Enforce') },
        { name: 'a ValidatingAdmissionPolicy bound with Deny', yaml: vap('Deny, Audit') },
      ],
      fail: [
        { name: 'nothing served (no engine installed)', yaml: '', findings: [{ messageId: 'noEnforcement', resource: 'Cluster/cluster', message: `No admission policy engine enforces a policy (${NONE})`, observed: NONE }] },
        {
          name: 'Kyverno audits only; a VAP binding that warns; a rule-level Audit overrides policy Enforce',
          yaml: kyverno('Audit') + vap('Warn, Audit') + kyverno('Enforce', 'Audit').replace('require-labels', 'other'),
          findings: [{ messageId: 'noEnforcement', resource: 'Cluster/cluster', observed: 'Kyverno: 2 objects; Gatekeeper not installed; ValidatingAdmissionPolicy: 2 objects' }],
        },
        { name: 'Kyverno served without policies', yaml: crd('kyverno.io', 'clusterpolicies'), findings: [{ messageId: 'noEnforcement', resource: 'Cluster/cluster', observed: 'Kyverno: served, no objects; Gatekeeper not installed; ValidatingAdmissionPolicy not installed' }] },
        { name: 'a Deny binding to a policy that does not exist', yaml: vap('Deny', 'missing'), findings: [{ messageId: 'noEnforcement', resource: 'Cluster/cluster' }] },
      ],
      unjudgeable: [
        {
          name: 'Gatekeeper templates only (constraints not read)',
          yaml: 'apiVersion: templates.gatekeeper.sh/v1\nkind: ConstraintTemplate\nmetadata: {name: k8srequiredlabels}\n',
          status: 'manual',
          reason: 'Gatekeeper ConstraintTemplates found (k8srequiredlabels); kaudit does not read whether their constraints deny (enforcementAction): review them (Kyverno not installed; Gatekeeper: 1 object; ValidatingAdmissionPolicy not installed)',
        },
        { name: 'Kyverno policies forbidden: never a fail or a pass', yaml: '', inventory: (inv) => inv.coverage.push({ key: 'kyvernoClusterPolicies', kind: 'ClusterPolicy', status: 403, reason: 'Forbidden' }), status: 'not-assessed' },
      ],
    },
    it,
  );
});

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
const TEMPLATE = 'apiVersion: templates.gatekeeper.sh/v1\nkind: ConstraintTemplate\nmetadata: {name: k8srequiredlabels}\n---\n';
/** A constraint of the template's kind; no action: Gatekeeper's default, deny. */
const constraint = (name: string, action?: string) => `apiVersion: constraints.gatekeeper.sh/v1beta1
kind: K8sRequiredLabels
metadata: {name: ${name}}
spec:
  ${action ? `enforcementAction: ${action}` : 'parameters: {labels: [{key: team}]}'}
  match: {kinds: [{apiGroups: [''], kinds: [Namespace]}]}
---
`;

describe('admission-policy-engine-enforcing', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'a Kyverno policy in Enforce', yaml: kyverno('Enforce') },
        { name: 'a Kyverno rule in Enforce in an Audit policy', yaml: kyverno('Audit', 'Enforce') },
        { name: 'a ValidatingAdmissionPolicy bound with Deny', yaml: vap('Deny, Audit') },
        { name: 'a Gatekeeper constraint without enforcementAction (deny by default)', yaml: TEMPLATE + constraint('ns-must-have-team') },
        {
          name: 'a Gatekeeper constraint in deny beside one in dryrun',
          yaml: TEMPLATE + constraint('a', 'dryrun') + constraint('b', 'deny'),
        },
        {
          name: 'a scoped Gatekeeper constraint that denies at the validation webhook',
          yaml:
            TEMPLATE +
            constraint('scoped', 'scoped').replace(
              'spec:\n',
              'spec:\n  scopedEnforcementActions: [{action: deny, enforcementPoints: [{name: validation.gatekeeper.sh}]}, {action: warn, enforcementPoints: [{name: gator.gatekeeper.sh}]}]\n',
            ),
        },
      ],
      fail: [
        {
          name: 'nothing served (no engine installed)',
          yaml: '',
          findings: [
            {
              messageId: 'noEnforcement',
              resource: 'Cluster/cluster',
              message: `No admission policy engine enforces a policy (${NONE})`,
              observed: NONE,
            },
          ],
        },
        {
          name: 'Kyverno audits only; a VAP binding that warns; a rule-level Audit overrides policy Enforce',
          yaml: kyverno('Audit') + vap('Warn, Audit') + kyverno('Enforce', 'Audit').replace('require-labels', 'other'),
          findings: [
            {
              messageId: 'noEnforcement',
              resource: 'Cluster/cluster',
              observed: 'Kyverno: 2 objects; Gatekeeper not installed; ValidatingAdmissionPolicy: 2 objects',
            },
          ],
        },
        {
          name: 'Kyverno served without policies',
          yaml: crd('kyverno.io', 'clusterpolicies'),
          findings: [
            {
              messageId: 'noEnforcement',
              resource: 'Cluster/cluster',
              observed: 'Kyverno: served, no objects; Gatekeeper not installed; ValidatingAdmissionPolicy not installed',
            },
          ],
        },
        {
          name: 'a Deny binding to a policy that does not exist',
          yaml: vap('Deny', 'missing'),
          findings: [{ messageId: 'noEnforcement', resource: 'Cluster/cluster' }],
        },
        {
          name: 'Gatekeeper constraints in dryrun and warn only report',
          yaml: TEMPLATE + constraint('audit-only', 'dryrun') + constraint('warn-only', 'Warn'),
          findings: [
            {
              messageId: 'noEnforcement',
              resource: 'Cluster/cluster',
              observed:
                'Kyverno not installed; Gatekeeper: 1 object, constraints: 2, none denies (K8sRequiredLabels/audit-only dryrun, K8sRequiredLabels/warn-only warn); ValidatingAdmissionPolicy not installed',
            },
          ],
        },
        {
          name: 'a scoped constraint that denies only in gator (not at admission)',
          yaml:
            TEMPLATE +
            constraint('gator', 'scoped').replace(
              'spec:\n',
              'spec:\n  scopedEnforcementActions: [{action: deny, enforcementPoints: [{name: gator.gatekeeper.sh}]}]\n',
            ),
          findings: [
            {
              messageId: 'noEnforcement',
              resource: 'Cluster/cluster',
              observed:
                'Kyverno not installed; Gatekeeper: 1 object, constraints: 1, none denies (K8sRequiredLabels/gator scoped); ValidatingAdmissionPolicy not installed',
            },
          ],
        },
        {
          name: 'Gatekeeper templates without a constraint enforce nothing',
          yaml: TEMPLATE,
          findings: [
            {
              messageId: 'noEnforcement',
              resource: 'Cluster/cluster',
              observed: 'Kyverno not installed; Gatekeeper: 1 object; ValidatingAdmissionPolicy not installed',
            },
          ],
        },
      ],
      unjudgeable: [
        {
          name: 'Gatekeeper constraints forbidden: not assessed, never a fail or a pass',
          yaml: TEMPLATE + constraint('audit-only', 'dryrun'),
          inventory: (inv) =>
            inv.coverage.push({ key: 'gatekeeperConstraints', kind: 'K8sRequiredLabels', status: 403, reason: 'Forbidden' }),
          status: 'not-assessed',
        },
        {
          name: 'Kyverno policies forbidden: never a fail or a pass',
          yaml: '',
          inventory: (inv) => inv.coverage.push({ key: 'kyvernoClusterPolicies', kind: 'ClusterPolicy', status: 403, reason: 'Forbidden' }),
          status: 'not-assessed',
        },
      ],
    },
    it,
  );
});

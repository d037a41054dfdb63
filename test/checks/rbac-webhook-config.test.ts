import { describe, it } from '@jest/globals';
import check from '../../checks/rbac-webhook-config.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const fail = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: webhook-manager}
rules:
- {apiGroups: [admissionregistration.k8s.io], resources: [mutatingwebhookconfigurations], verbs: [get, list, patch]}
- {apiGroups: [admissionregistration.k8s.io], resources: [validatingwebhookconfigurations], resourceNames: [policy-guard], verbs: [update, delete]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: webhook-manager}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: webhook-manager}
subjects:
- {kind: ServiceAccount, name: operator, namespace: tools}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: admission-admin}
rules:
- {apiGroups: [admissionregistration.k8s.io], resources: ["*"], verbs: ["*"]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: admission-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admission-admin}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: Group, name: oidc:platform-team}
`;

const pass = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: webhook-viewer}
rules:
- {apiGroups: [admissionregistration.k8s.io], resources: [mutatingwebhookconfigurations, validatingwebhookconfigurations], verbs: [get, list, watch]}
- {apiGroups: [admissionregistration.k8s.io], resources: [validatingadmissionpolicies], verbs: [create]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: webhook-viewer}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: webhook-viewer}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: Group, name: oidc:developers}
`;

describe('rbac-webhook-config', () => {
  new CheckTester(check).register(
    {
      pass: [{ name: 'read-only access to webhook configurations', yaml: pass }],
      fail: [
        {
          name: 'patch, and update/delete limited to one configuration; wildcards on the group',
          yaml: fail,
          findings: [
            {
              messageId: 'granted',
              resource: 'ClusterRoleBinding/webhook-manager',
              path: '/subjects/0',
              message:
                'ServiceAccount tools/operator can update/delete validatingwebhookconfigurations; patch mutatingwebhookconfigurations cluster-wide through ClusterRole webhook-manager bound by ClusterRoleBinding webhook-manager',
              observed:
                'ClusterRole webhook-manager: patch on mutatingwebhookconfigurations.admissionregistration.k8s.io; ClusterRole webhook-manager: update,delete on validatingwebhookconfigurations.admissionregistration.k8s.io (resourceNames: policy-guard)',
              expected: 'write access to webhook configurations only for the operators that install their own webhooks',
            },
            {
              messageId: 'granted',
              resource: 'ClusterRoleBinding/admission-admin',
              path: '/subjects/0',
              message:
                'Group oidc:platform-team can create/update/patch/delete/deletecollection validatingwebhookconfigurations, mutatingwebhookconfigurations cluster-wide through ClusterRole admission-admin bound by ClusterRoleBinding admission-admin',
              observed: 'ClusterRole admission-admin: * on *.admissionregistration.k8s.io',
            },
          ],
        },
      ],
    },
    it,
  );
});

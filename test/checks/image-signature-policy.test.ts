import { describe, it } from '@jest/globals';
import check from '../../checks/image-signature-policy.js';
import { namespace } from './hardening-yaml.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const verify = (action: string) => `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: verify-signatures}
spec:
  validationFailureAction: ${action}
  rules:
  - name: cosign
    match: {any: [{resources: {kinds: [Pod]}}]}
    verifyImages: [{imageReferences: ['registry.example.com/*'], attestors: [{entries: [{keys: {publicKeys: 'KEY'}}]}]}]
---
`;
const cip = (mode?: string) => `apiVersion: policy.sigstore.dev/v1beta1
kind: ClusterImagePolicy
metadata: {name: signed}
spec: {${mode ? `mode: ${mode}, ` : ''}images: [{glob: 'registry.example.com/**'}]}
---
`;
const ns = (name: string, labels = '{}') => namespace(name, `, labels: ${labels}`);
const apiserver = (plugins: string) => `apiVersion: v1
kind: Pod
metadata: {name: kube-apiserver-cp1, namespace: kube-system, labels: {component: kube-apiserver, tier: control-plane}}
spec: {containers: [{name: kube-apiserver, image: registry.k8s.io/kube-apiserver:v1.33.4, command: [kube-apiserver, '--enable-admission-plugins=${plugins}']}]}
---
`;

describe('image-signature-policy', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'Kyverno verifyImages in Enforce', yaml: verify('Enforce') },
        { name: 'policy-controller with an opted-in namespace', yaml: cip() + ns('shop', '{policy.sigstore.dev/include: "true"}') },
        { name: 'ImagePolicyWebhook enabled', yaml: apiserver('NodeRestriction,ImagePolicyWebhook') },
      ],
      fail: [
        {
          name: 'nothing installed',
          yaml: apiserver('NodeRestriction'),
          findings: [
            {
              messageId: 'noVerification',
              resource: 'Cluster/cluster',
              message:
                'No admission control verifies image signatures in enforcing mode (Kyverno not installed; policy-controller not installed; ImagePolicyWebhook not enabled)',
            },
          ],
        },
        {
          name: 'Kyverno verifyImages in Audit',
          yaml: verify('Audit'),
          findings: [
            {
              messageId: 'noVerification',
              resource: 'Cluster/cluster',
              observed:
                'Kyverno: 1 object, none with an enforcing verifyImages rule; policy-controller not installed; ImagePolicyWebhook not enabled',
            },
          ],
        },
        {
          name: 'policy-controller, no namespace opted in',
          yaml: cip() + ns('shop'),
          findings: [
            {
              messageId: 'noVerification',
              resource: 'Cluster/cluster',
              observed:
                'Kyverno not installed; policy-controller: 1 object, no namespace labelled policy.sigstore.dev/include=true; ImagePolicyWebhook not enabled',
            },
          ],
        },
        {
          name: 'policy-controller in warn mode',
          yaml: cip('warn') + ns('shop', '{policy.sigstore.dev/include: "true"}'),
          findings: [
            {
              messageId: 'noVerification',
              resource: 'Cluster/cluster',
              observed: 'Kyverno not installed; policy-controller: 1 object, all in warn mode; ImagePolicyWebhook not enabled',
            },
          ],
        },
      ],
      unjudgeable: [
        {
          name: 'ClusterImagePolicies forbidden',
          yaml: '',
          inventory: (inv) =>
            inv.coverage.push({ key: 'clusterImagePolicies', kind: 'ClusterImagePolicy', status: 403, reason: 'Forbidden' }),
          status: 'not-assessed',
        },
      ],
    },
    it,
  );
});

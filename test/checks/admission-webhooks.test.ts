import { describe, it } from '@jest/globals';
import ignore from '../../checks/admission-webhook-failure-ignore.js';
import exemption from '../../checks/admission-webhook-namespace-exemption.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const config = (kind: string, webhooks: string) => `apiVersion: admissionregistration.k8s.io/v1
kind: ${kind}
metadata: {name: policy}
webhooks:
${webhooks}---
`;
const hook = (name: string, resources: string, extra = '') => `- name: ${name}
  rules: [{apiGroups: ['*'], apiVersions: ['*'], operations: [CREATE], resources: [${resources}]}]
${extra}`;

describe('admission webhooks', () => {
  new CheckTester(ignore).register(
    {
      pass: [
        { name: 'Fail on pods, default on secrets', yaml: config('ValidatingWebhookConfiguration', hook('a.x', 'pods', '  failurePolicy: Fail\n') + hook('b.x', 'secrets')) },
        { name: 'Ignore on configmaps only', yaml: config('MutatingWebhookConfiguration', hook('a.x', 'configmaps', '  failurePolicy: Ignore\n')) },
      ],
      fail: [
        {
          name: 'Ignore on pods and on RBAC',
          yaml: config('ValidatingWebhookConfiguration', hook('ok.x', 'pods') + hook('pods.x', 'pods, deployments', '  failurePolicy: Ignore\n')) + config('MutatingWebhookConfiguration', hook('rbac.x', 'clusterrolebindings, roles', '  failurePolicy: Ignore\n')),
          findings: [
            { messageId: 'ignore', resource: 'ValidatingWebhookConfiguration/policy', path: '/webhooks/1/failurePolicy', message: 'ValidatingWebhookConfiguration policy: webhook pods.x on pods lets requests through when it fails (failurePolicy: Ignore)', observed: 'Ignore', expected: 'Fail' },
            { messageId: 'ignore', resource: 'MutatingWebhookConfiguration/policy', path: '/webhooks/0/failurePolicy', message: 'MutatingWebhookConfiguration policy: webhook rbac.x on clusterrolebindings, roles lets requests through when it fails (failurePolicy: Ignore)' },
          ],
        },
      ],
    },
    it,
  );
  new CheckTester(exemption).register(
    {
      pass: [{ name: 'no namespaceSelector', yaml: config('ValidatingWebhookConfiguration', hook('a.x', 'pods')) }, { name: 'a selector on a webhook for configmaps', yaml: config('ValidatingWebhookConfiguration', hook('a.x', 'configmaps', '  namespaceSelector: {matchLabels: {policy: on}}\n')) }],
      fail: [
        {
          name: 'exempts by name, and opts in by label',
          yaml: config(
            'ValidatingWebhookConfiguration',
            hook('a.x', 'pods', "  namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: NotIn, values: [kyverno, kube-system]}]}\n") + hook('b.x', '"*"', '  namespaceSelector: {matchLabels: {policy: enabled}}\n'),
          ),
          findings: [
            { messageId: 'exempts', resource: 'ValidatingWebhookConfiguration/policy', path: '/webhooks/0/namespaceSelector', message: 'ValidatingWebhookConfiguration policy: webhook a.x on pods skips namespaces kyverno, kube-system', observed: 'skips namespaces kyverno, kube-system' },
            { messageId: 'exempts', resource: 'ValidatingWebhookConfiguration/policy', path: '/webhooks/1/namespaceSelector', observed: 'only namespaces labelled policy=enabled' },
          ],
        },
      ],
    },
    it,
  );
});

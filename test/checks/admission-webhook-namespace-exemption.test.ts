import { describe, it } from '@jest/globals';
import check from '../../checks/admission-webhook-namespace-exemption.js';
import { webhook, webhookConfiguration } from './hardening-yaml.js';
import { CheckTester } from '../../src/testing/check-tester.js';

describe('admission-webhook-namespace-exemption', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'no namespaceSelector', yaml: webhookConfiguration('ValidatingWebhookConfiguration', webhook('a.x', 'pods')) },
        {
          name: 'a selector on a webhook for configmaps',
          yaml: webhookConfiguration(
            'ValidatingWebhookConfiguration',
            webhook('a.x', 'configmaps', '  namespaceSelector: {matchLabels: {policy: on}}\n'),
          ),
        },
      ],
      fail: [
        {
          name: 'exempts by name, and opts in by label',
          yaml: webhookConfiguration(
            'ValidatingWebhookConfiguration',
            webhook(
              'a.x',
              'pods',
              '  namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: NotIn, values: [kyverno, kube-system]}]}\n',
            ) + webhook('b.x', '"*"', '  namespaceSelector: {matchLabels: {policy: enabled}}\n'),
          ),
          findings: [
            {
              messageId: 'exempts',
              resource: 'ValidatingWebhookConfiguration/policy',
              path: '/webhooks/0/namespaceSelector',
              message: 'ValidatingWebhookConfiguration policy: webhook a.x on pods skips namespaces kyverno, kube-system',
              observed: 'skips namespaces kyverno, kube-system',
            },
            {
              messageId: 'exempts',
              resource: 'ValidatingWebhookConfiguration/policy',
              path: '/webhooks/1/namespaceSelector',
              observed: 'only namespaces labelled policy=enabled',
            },
          ],
        },
      ],
    },
    it,
  );
});

import { describe, it } from '@jest/globals';
import check from '../../checks/admission-webhook-failure-ignore.js';
import { webhook, webhookConfiguration } from './hardening-yaml.js';
import { CheckTester } from '../../src/testing/check-tester.js';

describe('admission-webhook-failure-ignore', () => {
  new CheckTester(check).register(
    {
      pass: [
        {
          name: 'Fail on pods, default on secrets',
          yaml: webhookConfiguration(
            'ValidatingWebhookConfiguration',
            webhook('a.x', 'pods', '  failurePolicy: Fail\n') + webhook('b.x', 'secrets'),
          ),
        },
        {
          name: 'Ignore on configmaps only',
          yaml: webhookConfiguration('MutatingWebhookConfiguration', webhook('a.x', 'configmaps', '  failurePolicy: Ignore\n')),
        },
      ],
      fail: [
        {
          name: 'Ignore on pods and on RBAC',
          yaml:
            webhookConfiguration(
              'ValidatingWebhookConfiguration',
              webhook('ok.x', 'pods') + webhook('pods.x', 'pods, deployments', '  failurePolicy: Ignore\n'),
            ) +
            webhookConfiguration(
              'MutatingWebhookConfiguration',
              webhook('rbac.x', 'clusterrolebindings, roles', '  failurePolicy: Ignore\n'),
            ),
          findings: [
            {
              messageId: 'ignore',
              resource: 'ValidatingWebhookConfiguration/policy',
              path: '/webhooks/1/failurePolicy',
              message:
                'ValidatingWebhookConfiguration policy: webhook pods.x on pods lets requests through when it fails (failurePolicy: Ignore)',
              observed: 'Ignore',
              expected: 'Fail',
            },
            {
              messageId: 'ignore',
              resource: 'MutatingWebhookConfiguration/policy',
              path: '/webhooks/0/failurePolicy',
              message:
                'MutatingWebhookConfiguration policy: webhook rbac.x on clusterrolebindings, roles lets requests through when it fails (failurePolicy: Ignore)',
            },
          ],
        },
      ],
    },
    it,
  );
});

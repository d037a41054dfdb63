import { describe, it } from '@jest/globals';
import check from '../../checks/pod-secret-env.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const EXPECTED = 'the Secret mounted as a file (secret or projected volume)';

describe('pod-secret-env', () => {
  new CheckTester(check).register(
    {
      pass: ['pass-secret-files.yaml'],
      fail: [
        {
          fixture: 'fail-secret-env.yaml',
          findings: [
            {
              messageId: 'secretRef',
              resource: 'Deployment/shop/billing',
              path: '/spec/template/spec/initContainers/0/envFrom/1/secretRef',
              message: 'init container migrate of Deployment billing imports every key of Secret billing-db as environment variables',
              observed: 'envFrom Secret billing-db',
              expected: EXPECTED,
            },
            {
              messageId: 'secretKeyRef',
              resource: 'Deployment/shop/billing',
              path: '/spec/template/spec/containers/0/env/1/valueFrom/secretKeyRef',
              message:
                'container billing of Deployment billing reads key password of Secret billing-db into environment variable DB_PASSWORD',
              observed: 'env DB_PASSWORD from Secret billing-db key password',
              expected: EXPECTED,
            },
            {
              messageId: 'secretKeyRef',
              resource: 'Deployment/shop/billing',
              path: '/spec/template/spec/containers/0/env/2/valueFrom/secretKeyRef',
              message:
                'container billing of Deployment billing reads key token of Secret payment-provider into environment variable API_TOKEN',
            },
            {
              messageId: 'secretRef',
              resource: 'Pod/shop/billing-debug',
              path: '/spec/ephemeralContainers/0/envFrom/0/secretRef',
              message: 'ephemeral container debugger of Pod billing-debug imports every key of Secret billing-db as environment variables',
              observed: 'envFrom Secret billing-db (prefix DB_)',
            },
          ],
        },
      ],
    },
    it,
  );
});

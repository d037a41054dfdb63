import { describe, it } from '@jest/globals';
import legacy from '../../checks/secret-legacy-sa-token.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { cluster, secret } from '../support/secret-cases.js';

describe('secret-legacy-sa-token', () => {
  new CheckTester(legacy).register(
    {
      pass: [{ name: 'opaque Secrets only', yaml: secret('db') }],
      fail: [
        {
          name: 'a token Secret (type and annotation), and one known by its annotation only (metadata-only read)',
          yaml: `${cluster}${secret('old-token', ', annotations: {kubernetes.io/service-account.name: deployer}')}`,
          findings: [
            {
              messageId: 'legacyToken',
              resource: 'Secret/shop/ci-token',
              path: '/metadata/annotations/kubernetes.io~1service-account.name',
              message: 'Secret ci-token holds a long-lived token of service account ci',
              observed: 'a non-expiring token Secret, last used 2026-01-05',
            },
            {
              messageId: 'legacyToken',
              resource: 'Secret/shop/old-token',
              path: '/metadata/annotations/kubernetes.io~1service-account.name',
              observed: 'a non-expiring token Secret',
            },
          ],
        },
      ],
    },
    it,
  );
});

import { describe, it } from '@jest/globals';
import age from '../../checks/secret-rotation-age.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { at, secret } from '../support/secret-cases.js';

describe('secret-rotation-age', () => {
  const dated = `${secret('fresh', ", creationTimestamp: '2026-06-01T00:00:00Z'")}${secret('stale', ", creationTimestamp: '2024-12-01T00:00:00Z'")}${secret('managed', ", creationTimestamp: '2020-01-01T00:00:00Z', annotations: {reconcile.external-secrets.io/data-hash: abc}")}`;
  new CheckTester(age).register(
    {
      pass: [
        { name: 'within a year', yaml: dated, inventory: at('2025-11-30T00:00:00Z') },
        { name: 'a longer threshold', yaml: dated, inventory: at('2026-12-07T00:00:00Z'), options: { maxAgeDays: 800 } },
      ],
      fail: [
        {
          name: 'older than 365 days at the time of collection; rotated-in-place Secrets skipped',
          yaml: dated,
          inventory: at('2026-12-07T00:00:00Z'),
          findings: [
            {
              messageId: 'old',
              resource: 'Secret/shop/stale',
              path: '/metadata/creationTimestamp',
              message: 'Secret stale was created 736 days ago (more than 365)',
              observed: 'created 2024-12-01T00:00:00Z (736 days before the scan)',
            },
          ],
        },
      ],
      unjudgeable: [{ name: 'manifests without creationTimestamp', yaml: secret('db'), status: 'not-assessed' }],
    },
    it,
  );
});

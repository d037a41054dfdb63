import { describe, it } from '@jest/globals';
import check from '../../checks/cluster-supported-release.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const at = (gitVersion: string) => (inv: import('../../src/core/inventory.js').Inventory) => {
  const [, minor = ''] = /^v1\.(\d+)/.exec(gitVersion)!;
  inv.version = { major: '1', minor, gitVersion };
};

describe('cluster-supported-release', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: '1.34 on 2026-10-27, its last day of support', inventory: at('v1.34.2'), options: { asOf: '2026-10-27' } },
        { name: '1.35 on 2026-12-07', inventory: at('v1.35.0'), options: { asOf: '2026-12-07T10:00:00Z' } },
      ],
      fail: [
        {
          name: '1.33 after 2026-06-28',
          inventory: at('v1.33.4'),
          options: { asOf: '2026-12-07' },
          findings: [
            {
              messageId: 'endOfSupport',
              resource: 'Cluster/cluster',
              path: '/version/minor',
              message: 'Kubernetes v1.33.4: 1.33 reached its end of support on 2026-06-28 (release table of 2025-12-17, as of 2026-12-07)',
              observed: '1.33 (v1.33.4), support ended 2026-06-28',
              expected: 'a minor supported on 2026-12-07: 1.35',
            },
          ],
        },
        {
          name: 'a minor older than the table',
          inventory: at('v1.21.14'),
          options: { asOf: '2024-01-01' },
          findings: [
            {
              messageId: 'endOfSupport',
              resource: 'Cluster/cluster',
              path: '/version/minor',
              observed: '1.21 (v1.21.14), support ended before 2023-10-27',
            },
          ],
        },
      ],
      unjudgeable: [
        {
          name: 'newer than the table',
          inventory: at('v1.38.0'),
          options: { asOf: '2027-09-01' },
          status: 'not-assessed',
          reason: "Kubernetes v1.38.0 is newer than kaudit's release table of 2025-12-17 (up to 1.35): update kaudit",
        },
        {
          name: 'no usable scan date',
          inventory: at('v1.33.4'),
          options: { asOf: 'tomorrow' },
          status: 'not-assessed',
          reason: 'no scan date to judge support against (set --as-of YYYY-MM-DD)',
        },
        { name: 'no version read', options: { asOf: '2026-12-07' }, status: 'not-assessed' },
      ],
    },
    it,
  );
});

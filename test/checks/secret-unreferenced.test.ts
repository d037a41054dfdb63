import { describe, it } from '@jest/globals';
import unreferenced from '../../checks/secret-unreferenced.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { cluster, secret } from '../support/secret-cases.js';

describe('secret-unreferenced', () => {
  new CheckTester(unreferenced).register(
    {
      pass: [
        {
          name: 'every Secret used by a pod template, a ServiceAccount or an Ingress; tool state and owned Secrets skipped',
          yaml: cluster,
        },
      ],
      fail: [
        {
          name: 'a leftover Secret, and one a removed workload used',
          yaml: `${cluster}${secret('leftover')}${secret('cert', ', annotations: {cert-manager.io/certificate-name: c}')}`,
          findings: [
            {
              messageId: 'unreferenced',
              resource: 'Secret/shop/leftover',
              message: 'Secret leftover is not referenced by any pod, service account or ingress',
            },
          ],
        },
      ],
      unjudgeable: [
        {
          name: 'pods unreadable',
          yaml: cluster,
          inventory: (inv) => inv.coverage.push({ key: 'pods', kind: 'Pod', namespace: 'shop', status: 403, reason: 'Forbidden' }),
          status: 'not-assessed',
        },
      ],
    },
    it,
  );
});

import { describe, it } from '@jest/globals';
import check from '../../checks/pss-proc-mount-restricted.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const PATH = '/spec/template/spec/containers/0/securityContext/procMount';

describe('pss-proc-mount-restricted', () => {
  new CheckTester(check).register(
    {
      pass: [
        'pass-default.yaml',
        { name: 'Default at v1.34 (baseline rule)', fixture: 'pass-default.yaml', options: { pssVersion: 'v1.34' } },
      ],
      fail: [
        {
          fixture: 'fail-pod.yaml',
          findings: [
            {
              messageId: 'violation',
              resource: 'Pod/shop/web',
              path: '/spec/containers/0/securityContext/procMount',
              message: '/proc Mount Type (restricted): container "app" sets securityContext.procMount=Unmasked',
              observed: 'Unmasked',
              expected: 'unset or Default',
            },
          ],
        },
        {
          name: 'Deployment with a ReplicaSet and 3 pods, in a user namespace: restricted keeps the rule (baseline relaxes it)',
          fixture: 'fail-deployment.yaml',
          findings: [
            {
              messageId: 'violation',
              resource: 'Deployment/shop/api',
              path: PATH,
              message: '/proc Mount Type (restricted): container "app" sets securityContext.procMount=Unmasked',
              podCount: 3,
            },
          ],
        },
        {
          name: 'v1.35, the first version of the restricted rule',
          fixture: 'fail-deployment.yaml',
          options: { pssVersion: 'v1.35' },
          findings: [
            {
              messageId: 'violation',
              resource: 'Deployment/shop/api',
              path: PATH,
              message: '/proc Mount Type (restricted): container "app" sets securityContext.procMount=Unmasked',
            },
          ],
        },
        {
          name: 'v1.34: restricted applies the baseline rule, unconditional then',
          fixture: 'fail-deployment.yaml',
          options: { pssVersion: 'v1.34' },
          findings: [
            {
              messageId: 'violation',
              resource: 'Deployment/shop/api',
              path: PATH,
              message: '/proc Mount Type (baseline): container "app" sets securityContext.procMount=Unmasked',
            },
          ],
        },
      ],
    },
    it,
  );
});

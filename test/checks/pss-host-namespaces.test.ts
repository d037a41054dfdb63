import { describe, it } from '@jest/globals';
import check from '../../checks/pss-host-namespaces.js';
import { CheckTester } from '../../src/testing/check-tester.js';

describe('pss-host-namespaces', () => {
  new CheckTester(check).register(
    {
      pass: ['pass-no-host-namespaces.yaml'],
      fail: [
        {
          fixture: 'fail-pod.yaml',
          findings: [
            {
              messageId: 'violation',
              resource: 'Pod/shop/web',
              path: '/spec/hostNetwork',
              message: 'Host Namespaces (baseline): pod sets hostNetwork=true',
              observed: 'true',
              expected: 'unset or false',
            },
            {
              messageId: 'violation',
              resource: 'Pod/shop/web',
              path: '/spec/hostPID',
              message: 'Host Namespaces (baseline): pod sets hostPID=true',
            },
          ],
        },
        {
          name: 'Deployment with a ReplicaSet and 3 pods: one finding on the template',
          fixture: 'fail-deployment.yaml',
          findings: [
            {
              messageId: 'violation',
              resource: 'Deployment/shop/api',
              path: '/spec/template/spec/hostIPC',
              message: 'Host Namespaces (baseline): pod template sets hostIPC=true',
              podCount: 3,
            },
          ],
        },
      ],
    },
    it,
  );
});

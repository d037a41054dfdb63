import { describe, it } from '@jest/globals';
import check from '../../checks/pss-host-ports.js';
import { CheckTester } from '../../src/testing/check-tester.js';

describe('pss-host-ports', () => {
  new CheckTester(check).register(
    {
      pass: ['pass-container-ports.yaml'],
      fail: [
        {
          fixture: 'fail-pod.yaml',
          findings: [
            {
              messageId: 'violation',
              resource: 'Pod/shop/web',
              path: '/spec/containers/0/ports/1/hostPort',
              message: 'Host Ports (baseline): container "app" sets ports[1].hostPort=8443',
              observed: '8443',
              expected: 'unset or 0',
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
              path: '/spec/template/spec/containers/0/ports/0/hostPort',
              observed: '80',
              podCount: 3,
            },
          ],
        },
      ],
    },
    it,
  );
});

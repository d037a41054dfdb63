import { describe, it } from '@jest/globals';
import check from '../../checks/pss-windows-host-process.js';
import { CheckTester } from '../../src/testing/check-tester.js';

describe('pss-windows-host-process', () => {
  new CheckTester(check).register(
    {
      pass: ['pass-windows.yaml'],
      fail: [
        {
          fixture: 'fail-pod.yaml',
          findings: [
            {
              messageId: 'violation',
              resource: 'Pod/shop/web',
              path: '/spec/securityContext/windowsOptions/hostProcess',
              message: 'HostProcess (baseline): pod sets securityContext.windowsOptions.hostProcess=true',
              observed: 'true',
              expected: 'unset or false',
            },
            {
              messageId: 'violation',
              resource: 'Pod/shop/web',
              path: '/spec/containers/0/securityContext/windowsOptions/hostProcess',
              message: 'HostProcess (baseline): container "app" sets securityContext.windowsOptions.hostProcess=true',
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
              path: '/spec/template/spec/containers/0/securityContext/windowsOptions/hostProcess',
              podCount: 3,
            },
          ],
        },
      ],
    },
    it,
  );
});

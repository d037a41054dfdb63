import { describe, it } from '@jest/globals';
import check from '../../checks/pod-host-pid.js';
import { CheckTester } from '../../src/testing/check-tester.js';

describe('pod-host-pid', () => {
  new CheckTester(check).register(
    {
      pass: ['pass-no-host-pid.yaml', { name: 'nothing at all', yaml: '' }],
      fail: [
        {
          name: 'Deployment -> ReplicaSet -> 3 pods: one finding on the Deployment',
          fixture: 'fail-deployment-owner.yaml',
          findings: [
            {
              messageId: 'hostPid',
              resource: 'Deployment/ops/node-debug',
              path: '/spec/template/spec/hostPID',
              message: 'Deployment node-debug sets hostPID: true',
              observed: 'true',
              expected: 'false or unset',
              podCount: 3,
            },
          ],
        },
        {
          name: 'CronJob -> Job -> pod: one finding on the CronJob',
          fixture: 'fail-cronjob-chain.yaml',
          findings: [
            {
              messageId: 'hostPid',
              resource: 'CronJob/ops/nightly-scan',
              path: '/spec/jobTemplate/spec/template/spec/hostPID',
              podCount: 1,
            },
          ],
        },
        {
          fixture: 'fail-bare-pod-and-template.yaml',
          findings: [
            {
              messageId: 'hostPid',
              resource: 'Pod/lab/debugger',
              path: '/spec/hostPID',
              message: 'Pod debugger sets hostPID: true',
              podCount: 1,
            },
            { messageId: 'hostPid', resource: 'DaemonSet/monitoring/process-exporter', path: '/spec/template/spec/hostPID', podCount: 0 },
          ],
        },
      ],
    },
    it,
  );
});

import { describe, it } from '@jest/globals';
import check from '../../checks/pss-host-path-volumes.js';
import { CheckTester } from '../../src/testing/check-tester.js';

describe('pss-host-path-volumes', () => {
  new CheckTester(check).register(
    {
      pass: ['pass-other-volumes.yaml'],
      fail: [
        {
          fixture: 'fail-pod.yaml',
          findings: [
            {
              messageId: 'violation',
              resource: 'Pod/shop/web',
              path: '/spec/volumes/1/hostPath',
              message: 'HostPath Volumes (baseline): volume "docker" uses hostPath {"path":"/var/run/docker.sock","type":"Socket"}',
              observed: '{"path":"/var/run/docker.sock","type":"Socket"}',
              expected: 'unset',
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
              path: '/spec/template/spec/volumes/0/hostPath',
              message: 'HostPath Volumes (baseline): volume "logs" uses hostPath {"path":"/var/log"}',
              podCount: 3,
            },
          ],
        },
      ],
    },
    it,
  );
});

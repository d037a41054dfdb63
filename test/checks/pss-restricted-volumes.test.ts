import { describe, it } from '@jest/globals';
import check from '../../checks/pss-restricted-volumes.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const ALLOWED = 'one of configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected, secret';

describe('pss-restricted-volumes', () => {
  new CheckTester(check).register(
    {
      pass: [
        'pass-allowed-volumes.yaml',
        { name: 'allowed volumes at v1.0', fixture: 'pass-allowed-volumes.yaml', options: { pssVersion: 'v1.0' } },
      ],
      fail: [
        {
          name: 'hostPath is judged by the restricted rule (it replaces the baseline hostPath rule): one finding, not two',
          fixture: 'fail-pod.yaml',
          findings: [
            {
              messageId: 'violation',
              resource: 'Pod/shop/web',
              path: '/spec/volumes/1/nfs',
              message: 'Volume Types (restricted): volume "share" uses nfs',
              observed: 'nfs',
              expected: ALLOWED,
            },
            {
              messageId: 'violation',
              resource: 'Pod/shop/web',
              path: '/spec/volumes/2/hostPath',
              message: 'Volume Types (restricted): volume "logs" uses hostPath',
              observed: 'hostPath',
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
              path: '/spec/template/spec/volumes/0/iscsi',
              message: 'Volume Types (restricted): volume "disk" uses iscsi',
              podCount: 3,
            },
          ],
        },
        {
          name: 'the same at v1.0',
          fixture: 'fail-pod.yaml',
          options: { pssVersion: 'v1.0' },
          findings: [
            { messageId: 'violation', resource: 'Pod/shop/web', path: '/spec/volumes/1/nfs' },
            { messageId: 'violation', resource: 'Pod/shop/web', path: '/spec/volumes/2/hostPath' },
          ],
        },
      ],
    },
    it,
  );
});

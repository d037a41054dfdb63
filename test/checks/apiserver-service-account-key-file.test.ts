import { describe, it } from '@jest/globals';
import check from '../../checks/apiserver-service-account-key-file.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('apiserver-service-account-key-file', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened control plane', yaml: HARDENED },
        { name: 'kubeadm defaults', yaml: KUBEADM_DEFAULT },
      ],
      fail: [
        {
          name: '--service-account-key-file removed',
          yaml: hardenedWith('kube-apiserver', { 'service-account-key-file': null }),
          findings: [
            {
              messageId: 'unset',
              resource: POD['kube-apiserver'],
              path: CMD,
              message: 'kube-apiserver (kube-apiserver-cp-1) does not set --service-account-key-file',
              observed: 'unset',
              expected: 'set',
            },
          ],
        },
      ],
      unjudgeable: controlPlaneUnjudgeable('kube-apiserver'),
    },
    it,
  );
});

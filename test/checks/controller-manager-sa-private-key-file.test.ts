import { describe, it } from '@jest/globals';
import check from '../../checks/controller-manager-sa-private-key-file.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('controller-manager-sa-private-key-file', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened control plane', yaml: HARDENED },
        { name: 'kubeadm defaults', yaml: KUBEADM_DEFAULT },
      ],
      fail: [
        {
          name: '--service-account-private-key-file removed',
          yaml: hardenedWith('kube-controller-manager', { 'service-account-private-key-file': null }),
          findings: [
            {
              messageId: 'unset',
              resource: POD['kube-controller-manager'],
              path: CMD,
              message: 'kube-controller-manager (kube-controller-manager-cp-1) does not set --service-account-private-key-file',
              observed: 'unset',
              expected: 'set',
            },
          ],
        },
      ],
      unjudgeable: controlPlaneUnjudgeable('kube-controller-manager'),
    },
    it,
  );
});

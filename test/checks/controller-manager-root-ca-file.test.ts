import { describe, it } from '@jest/globals';
import check from '../../checks/controller-manager-root-ca-file.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('controller-manager-root-ca-file', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened control plane', yaml: HARDENED },
        { name: 'kubeadm defaults', yaml: KUBEADM_DEFAULT },
      ],
      fail: [
        {
          name: '--root-ca-file removed',
          yaml: hardenedWith('kube-controller-manager', { 'root-ca-file': null }),
          findings: [
            {
              messageId: 'unset',
              resource: POD['kube-controller-manager'],
              path: CMD,
              message: 'kube-controller-manager (kube-controller-manager-cp-1) does not set --root-ca-file',
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

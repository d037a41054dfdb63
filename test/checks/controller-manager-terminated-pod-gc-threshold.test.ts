import { describe, it } from '@jest/globals';
import check from '../../checks/controller-manager-terminated-pod-gc-threshold.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('controller-manager-terminated-pod-gc-threshold', () => {
  new CheckTester(check).register(
    {
      pass: [{ name: 'hardened control plane', yaml: HARDENED }],
      fail: [
        {
          name: 'kubeadm defaults: unset',
          yaml: KUBEADM_DEFAULT,
          findings: [
            {
              messageId: 'unset',
              resource: POD['kube-controller-manager'],
              path: CMD,
              message: 'kube-controller-manager (kube-controller-manager-cp-1) does not set --terminated-pod-gc-threshold',
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

import { describe, it } from '@jest/globals';
import check from '../../checks/controller-manager-profiling.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('controller-manager-profiling', () => {
  new CheckTester(check).register(
    {
      pass: [{ name: 'hardened control plane', yaml: HARDENED }],
      fail: [
        {
          name: 'kubeadm defaults: unset, defaults to true',
          yaml: KUBEADM_DEFAULT,
          findings: [
            {
              messageId: 'value',
              resource: POD['kube-controller-manager'],
              path: CMD,
              message: 'kube-controller-manager (kube-controller-manager-cp-1): --profiling is unset (defaults to true), expected false',
              observed: 'unset',
              expected: 'false',
            },
          ],
        },
        {
          name: '--profiling=true',
          yaml: hardenedWith('kube-controller-manager', { profiling: 'true' }),
          findings: [
            { messageId: 'value', resource: POD['kube-controller-manager'], path: CMD, observed: '--profiling=true', expected: 'false' },
          ],
        },
      ],
      unjudgeable: controlPlaneUnjudgeable('kube-controller-manager'),
    },
    it,
  );
});

import { describe, it } from '@jest/globals';
import check from '../../checks/apiserver-profiling.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('apiserver-profiling', () => {
  new CheckTester(check).register(
    {
      pass: [{ name: 'hardened control plane', yaml: HARDENED }],
      fail: [
        {
          name: 'kubeadm defaults: --profiling unset',
          yaml: KUBEADM_DEFAULT,
          findings: [
            {
              messageId: 'value',
              resource: POD['kube-apiserver'],
              path: CMD,
              message: 'kube-apiserver (kube-apiserver-cp-1): --profiling is unset (defaults to true), expected false',
              observed: 'unset',
              expected: 'false',
            },
          ],
        },
        {
          name: '--profiling=true',
          yaml: hardenedWith('kube-apiserver', { profiling: 'true' }),
          findings: [{ messageId: 'value', resource: POD['kube-apiserver'], path: CMD, observed: '--profiling=true', expected: 'false' }],
        },
      ],
      unjudgeable: controlPlaneUnjudgeable('kube-apiserver'),
    },
    it,
  );
});

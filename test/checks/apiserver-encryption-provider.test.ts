import { describe, it } from '@jest/globals';
import check from '../../checks/apiserver-encryption-provider.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('apiserver-encryption-provider', () => {
  new CheckTester(check).register(
    {
      pass: [{ name: 'hardened control plane', yaml: HARDENED }],
      fail: [
        {
          name: 'kubeadm defaults: Secrets stored unencrypted',
          yaml: KUBEADM_DEFAULT,
          findings: [
            {
              messageId: 'unset',
              resource: POD['kube-apiserver'],
              path: CMD,
              message: 'kube-apiserver (kube-apiserver-cp-1) does not set --encryption-provider-config',
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

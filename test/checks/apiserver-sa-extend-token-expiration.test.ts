import { describe, it } from '@jest/globals';
import check from '../../checks/apiserver-sa-extend-token-expiration.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('apiserver-sa-extend-token-expiration', () => {
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
              resource: POD['kube-apiserver'],
              path: CMD,
              message:
                'kube-apiserver (kube-apiserver-cp-1): --service-account-extend-token-expiration is unset (defaults to true), expected false',
              observed: 'unset',
              expected: 'false',
            },
          ],
        },
        {
          name: 'explicitly true',
          yaml: hardenedWith('kube-apiserver', { 'service-account-extend-token-expiration': 'true' }),
          findings: [
            {
              messageId: 'value',
              resource: POD['kube-apiserver'],
              path: CMD,
              observed: '--service-account-extend-token-expiration=true',
              expected: 'false',
            },
          ],
        },
      ],
      unjudgeable: controlPlaneUnjudgeable('kube-apiserver'),
    },
    it,
  );
});

import { describe, it } from '@jest/globals';
import check from '../../checks/apiserver-token-auth-file.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('apiserver-token-auth-file', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened control plane', yaml: HARDENED },
        { name: 'kubeadm defaults', yaml: KUBEADM_DEFAULT },
      ],
      fail: [
        {
          name: '--token-auth-file set',
          yaml: hardenedWith('kube-apiserver', { 'token-auth-file': '/etc/kubernetes/tokens.csv' }),
          findings: [
            {
              messageId: 'set',
              resource: POD['kube-apiserver'],
              path: CMD,
              message: 'kube-apiserver (kube-apiserver-cp-1) sets --token-auth-file',
              observed: '--token-auth-file=/etc/kubernetes/tokens.csv',
              expected: 'unset',
            },
          ],
        },
      ],
      unjudgeable: controlPlaneUnjudgeable('kube-apiserver'),
    },
    it,
  );
});

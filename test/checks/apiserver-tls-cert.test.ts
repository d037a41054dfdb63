import { describe, it } from '@jest/globals';
import check from '../../checks/apiserver-tls-cert.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('apiserver-tls-cert', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened control plane', yaml: HARDENED },
        { name: 'kubeadm defaults', yaml: KUBEADM_DEFAULT },
      ],
      fail: [
        {
          name: '--tls-private-key-file removed',
          yaml: hardenedWith('kube-apiserver', { 'tls-private-key-file': null }),
          findings: [
            {
              messageId: 'unset',
              resource: POD['kube-apiserver'],
              path: CMD,
              message: 'kube-apiserver (kube-apiserver-cp-1) does not set --tls-private-key-file',
              observed: '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt, --tls-private-key-file unset',
              expected: '--tls-cert-file and --tls-private-key-file set',
            },
          ],
        },
      ],
      unjudgeable: controlPlaneUnjudgeable('kube-apiserver'),
    },
    it,
  );
});

import { describe, it } from '@jest/globals';
import check from '../../checks/kubelet-tls-ciphers.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { KUBELET_HARDENED, KUBELET_KUBEADM_DEFAULT, kubeletUnjudgeable, kubeletWith, WORKER } from '../support/control-plane.js';

const EXPECTED = 'only strong suites (ECDHE with AES-GCM or ChaCha20-Poly1305, or TLS 1.3)';

describe('kubelet-tls-ciphers', () => {
  new CheckTester(check).register(
    {
      pass: [{ name: 'hardened kubelet', yaml: KUBELET_HARDENED }],
      fail: [
        {
          name: 'kubeadm config file: not set',
          yaml: KUBELET_KUBEADM_DEFAULT,
          findings: [
            {
              messageId: 'unset',
              resource: WORKER,
              path: '/tlsCipherSuites',
              message: "kubelet on node worker-1 does not set tlsCipherSuites, so the Go runtime's default cipher suites apply",
              observed: 'unset',
              expected: EXPECTED,
            },
          ],
        },
        {
          name: 'empty list',
          yaml: kubeletWith({ '/tlsCipherSuites': [] }),
          findings: [{ messageId: 'unset', resource: WORKER, path: '/tlsCipherSuites', observed: '[]' }],
        },
        {
          name: 'a 3DES suite allowed',
          yaml: kubeletWith({ '/tlsCipherSuites': ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA'] }),
          findings: [
            {
              messageId: 'weak',
              resource: WORKER,
              path: '/tlsCipherSuites',
              message: 'kubelet on node worker-1 allows cipher suites outside the strong set: TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA',
              observed: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA',
              expected: EXPECTED,
            },
          ],
        },
      ],
      unjudgeable: kubeletUnjudgeable(),
    },
    it,
  );
});

import { describe, it } from '@jest/globals';
import check from '../../checks/apiserver-tls-ciphers.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

const EXPECTED = 'only strong suites (ECDHE with AES-GCM or ChaCha20-Poly1305, or TLS 1.3)';

describe('apiserver-tls-ciphers', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened control plane', yaml: HARDENED },
        {
          name: 'TLS 1.3 suites and the _SHA256 ChaCha names',
          yaml: hardenedWith('kube-apiserver', {
            'tls-cipher-suites': 'TLS_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
          }),
        },
      ],
      fail: [
        {
          name: 'kubeadm defaults: not set',
          yaml: KUBEADM_DEFAULT,
          findings: [
            {
              messageId: 'unset',
              resource: POD['kube-apiserver'],
              path: CMD,
              message:
                "kube-apiserver (kube-apiserver-cp-1) does not set --tls-cipher-suites, so the Go runtime's default cipher suites apply",
              observed: 'unset',
              expected: EXPECTED,
            },
          ],
        },
        {
          name: 'RSA key exchange and CBC allowed',
          yaml: hardenedWith('kube-apiserver', {
            'tls-cipher-suites': 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
          }),
          findings: [
            {
              messageId: 'weak',
              resource: POD['kube-apiserver'],
              path: CMD,
              message:
                'kube-apiserver (kube-apiserver-cp-1): --tls-cipher-suites allows suites outside the strong set: TLS_RSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
              observed:
                '--tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
              expected: EXPECTED,
            },
          ],
        },
      ],
      unjudgeable: controlPlaneUnjudgeable('kube-apiserver'),
    },
    it,
  );
});

import { describe, it } from '@jest/globals';
import check from '../../checks/kubelet-tls-cert.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { KUBELET_HARDENED, KUBELET_KUBEADM_DEFAULT, kubeletUnjudgeable, kubeletWith, WORKER } from '../support/control-plane.js';

const EXPECTED = 'serverTLSBootstrap true, or tlsCertFile and tlsPrivateKeyFile set';

describe('kubelet-tls-cert', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened kubelet: serverTLSBootstrap', yaml: KUBELET_HARDENED },
        {
          name: 'certificate files provisioned, no bootstrap',
          yaml: kubeletWith({
            '/serverTLSBootstrap': null,
            '/tlsCertFile': '/var/lib/kubelet/pki/kubelet.crt',
            '/tlsPrivateKeyFile': '/var/lib/kubelet/pki/kubelet.key',
          }),
        },
      ],
      fail: [
        {
          name: 'kubeadm config file: self-signed certificate',
          yaml: KUBELET_KUBEADM_DEFAULT,
          findings: [
            {
              messageId: 'selfSigned',
              resource: WORKER,
              path: '/tlsCertFile',
              message:
                'kubelet on node worker-1 serves a self-signed certificate (tlsCertFile unset, tlsPrivateKeyFile unset, serverTLSBootstrap unset, which defaults to false)',
              observed: 'tlsCertFile unset, tlsPrivateKeyFile unset, serverTLSBootstrap unset, which defaults to false',
              expected: EXPECTED,
            },
          ],
        },
        {
          name: 'certificate without its key, bootstrap off',
          yaml: kubeletWith({ '/serverTLSBootstrap': false, '/tlsCertFile': '/var/lib/kubelet/pki/kubelet.crt' }),
          findings: [
            {
              messageId: 'selfSigned',
              resource: WORKER,
              path: '/tlsCertFile',
              observed: 'tlsCertFile set, tlsPrivateKeyFile unset, serverTLSBootstrap false',
            },
          ],
        },
      ],
      unjudgeable: kubeletUnjudgeable(),
    },
    it,
  );
});

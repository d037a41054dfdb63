import { describe, it } from '@jest/globals';
import check from '../../checks/apiserver-etcd-certs.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('apiserver-etcd-certs', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened control plane', yaml: HARDENED },
        { name: 'kubeadm defaults', yaml: KUBEADM_DEFAULT },
      ],
      fail: [
        {
          name: '--etcd-keyfile removed',
          yaml: hardenedWith('kube-apiserver', { 'etcd-keyfile': null }),
          findings: [
            {
              messageId: 'unset',
              resource: POD['kube-apiserver'],
              path: CMD,
              message: 'kube-apiserver (kube-apiserver-cp-1) does not set --etcd-keyfile',
              observed: '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt, --etcd-keyfile unset',
              expected: '--etcd-certfile and --etcd-keyfile set',
            },
          ],
        },
      ],
      unjudgeable: controlPlaneUnjudgeable('kube-apiserver'),
    },
    it,
  );
});

import { describe, it } from '@jest/globals';
import check from '../../checks/etcd-cert-file.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('etcd-cert-file', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened control plane', yaml: HARDENED },
        { name: 'kubeadm defaults', yaml: KUBEADM_DEFAULT },
      ],
      fail: [
        {
          name: '--key-file removed',
          yaml: hardenedWith('etcd', { 'key-file': null }),
          findings: [
            {
              messageId: 'unset',
              resource: POD.etcd,
              path: CMD,
              message: 'etcd (etcd-cp-1) does not set --key-file',
              observed: '--cert-file=/etc/kubernetes/pki/etcd/server.crt, --key-file unset',
              expected: '--cert-file and --key-file set',
            },
          ],
        },
      ],
      unjudgeable: [
        ...controlPlaneUnjudgeable('etcd'),
        {
          name: 'etcd reads a --config-file (flags ignored)',
          yaml: hardenedWith('etcd', { 'config-file': '/etc/etcd/etcd.conf.yml' }),
          status: 'not-assessed',
        },
      ],
    },
    it,
  );
});

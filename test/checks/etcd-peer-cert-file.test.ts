import { describe, it } from '@jest/globals';
import check from '../../checks/etcd-peer-cert-file.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('etcd-peer-cert-file', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened control plane', yaml: HARDENED },
        { name: 'kubeadm defaults', yaml: KUBEADM_DEFAULT },
      ],
      fail: [
        {
          name: 'both peer flags removed',
          yaml: hardenedWith('etcd', { 'peer-cert-file': null, 'peer-key-file': null }),
          findings: [
            {
              messageId: 'unset',
              resource: POD.etcd,
              path: CMD,
              message: 'etcd (etcd-cp-1) does not set --peer-cert-file and --peer-key-file',
              observed: '--peer-cert-file unset, --peer-key-file unset',
              expected: '--peer-cert-file and --peer-key-file set',
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

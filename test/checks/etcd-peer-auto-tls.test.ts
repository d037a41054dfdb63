import { describe, it } from '@jest/globals';
import check from '../../checks/etcd-peer-auto-tls.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('etcd-peer-auto-tls', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened control plane', yaml: HARDENED },
        { name: 'kubeadm defaults', yaml: KUBEADM_DEFAULT },
      ],
      fail: [
        {
          name: '--peer-auto-tls=true',
          yaml: hardenedWith('etcd', { 'peer-auto-tls': 'true' }),
          findings: [
            {
              messageId: 'value',
              resource: POD.etcd,
              path: CMD,
              message: 'etcd (etcd-cp-1): --peer-auto-tls is true, expected false (or unset)',
              observed: '--peer-auto-tls=true',
              expected: 'false (or unset)',
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

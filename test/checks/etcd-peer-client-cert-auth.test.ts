import { describe, it } from '@jest/globals';
import check from '../../checks/etcd-peer-client-cert-auth.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('etcd-peer-client-cert-auth', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened control plane', yaml: HARDENED },
        { name: 'kubeadm defaults', yaml: KUBEADM_DEFAULT },
      ],
      fail: [
        {
          name: '--peer-client-cert-auth=false',
          yaml: hardenedWith('etcd', { 'peer-client-cert-auth': 'false' }),
          findings: [
            {
              messageId: 'value',
              resource: POD.etcd,
              path: CMD,
              message: 'etcd (etcd-cp-1): --peer-client-cert-auth is false, expected true',
              observed: '--peer-client-cert-auth=false',
              expected: 'true',
            },
          ],
        },
        {
          name: 'unset: defaults to false',
          yaml: hardenedWith('etcd', { 'peer-client-cert-auth': null }),
          findings: [
            {
              messageId: 'value',
              resource: POD.etcd,
              path: CMD,
              message: 'etcd (etcd-cp-1): --peer-client-cert-auth is unset (defaults to false), expected true',
              observed: 'unset',
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

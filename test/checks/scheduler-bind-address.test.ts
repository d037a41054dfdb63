import { describe, it } from '@jest/globals';
import check from '../../checks/scheduler-bind-address.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('scheduler-bind-address', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened control plane', yaml: HARDENED },
        { name: 'kubeadm defaults: 127.0.0.1', yaml: KUBEADM_DEFAULT },
        { name: 'IPv6 loopback', yaml: hardenedWith('kube-scheduler', { 'bind-address': '::1' }) },
      ],
      fail: [
        {
          name: 'all interfaces',
          yaml: hardenedWith('kube-scheduler', { 'bind-address': '0.0.0.0' }),
          findings: [
            {
              messageId: 'value',
              resource: POD['kube-scheduler'],
              path: CMD,
              message: 'kube-scheduler (kube-scheduler-cp-1): --bind-address is 0.0.0.0, expected 127.0.0.1 (a loopback address)',
              observed: '--bind-address=0.0.0.0',
              expected: '127.0.0.1 (a loopback address)',
            },
          ],
        },
        {
          name: 'unset: defaults to 0.0.0.0',
          yaml: hardenedWith('kube-scheduler', { 'bind-address': null }),
          findings: [
            {
              messageId: 'value',
              resource: POD['kube-scheduler'],
              path: CMD,
              message:
                'kube-scheduler (kube-scheduler-cp-1): --bind-address is unset (defaults to 0.0.0.0), expected 127.0.0.1 (a loopback address)',
              observed: 'unset',
            },
          ],
        },
        {
          name: 'the node address',
          yaml: hardenedWith('kube-scheduler', { 'bind-address': '192.168.56.10' }),
          findings: [{ messageId: 'value', resource: POD['kube-scheduler'], path: CMD, observed: '--bind-address=192.168.56.10' }],
        },
      ],
      unjudgeable: controlPlaneUnjudgeable('kube-scheduler'),
    },
    it,
  );
});

import { describe, it } from '@jest/globals';
import check from '../../checks/controller-manager-bind-address.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('controller-manager-bind-address', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened control plane', yaml: HARDENED },
        { name: 'kubeadm defaults: 127.0.0.1', yaml: KUBEADM_DEFAULT },
        { name: 'IPv6 loopback', yaml: hardenedWith('kube-controller-manager', { 'bind-address': '::1' }) },
      ],
      fail: [
        {
          name: 'all interfaces',
          yaml: hardenedWith('kube-controller-manager', { 'bind-address': '0.0.0.0' }),
          findings: [
            {
              messageId: 'value',
              resource: POD['kube-controller-manager'],
              path: CMD,
              message:
                'kube-controller-manager (kube-controller-manager-cp-1): --bind-address is 0.0.0.0, expected 127.0.0.1 (a loopback address)',
              observed: '--bind-address=0.0.0.0',
              expected: '127.0.0.1 (a loopback address)',
            },
          ],
        },
        {
          name: 'unset: defaults to 0.0.0.0',
          yaml: hardenedWith('kube-controller-manager', { 'bind-address': null }),
          findings: [
            {
              messageId: 'value',
              resource: POD['kube-controller-manager'],
              path: CMD,
              message:
                'kube-controller-manager (kube-controller-manager-cp-1): --bind-address is unset (defaults to 0.0.0.0), expected 127.0.0.1 (a loopback address)',
              observed: 'unset',
            },
          ],
        },
        {
          name: 'the node address',
          yaml: hardenedWith('kube-controller-manager', { 'bind-address': '192.168.56.10' }),
          findings: [{ messageId: 'value', resource: POD['kube-controller-manager'], path: CMD, observed: '--bind-address=192.168.56.10' }],
        },
      ],
      unjudgeable: controlPlaneUnjudgeable('kube-controller-manager'),
    },
    it,
  );
});

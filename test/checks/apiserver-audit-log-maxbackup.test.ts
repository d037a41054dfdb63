import { describe, it } from '@jest/globals';
import check from '../../checks/apiserver-audit-log-maxbackup.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('apiserver-audit-log-maxbackup', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened control plane: --audit-log-maxbackup=10', yaml: HARDENED },
        { name: '--audit-log-maxbackup=20', yaml: hardenedWith('kube-apiserver', { 'audit-log-maxbackup': '20' }) },
      ],
      fail: [
        {
          name: 'kubeadm defaults: unset',
          yaml: KUBEADM_DEFAULT,
          findings: [
            {
              messageId: 'value',
              resource: POD['kube-apiserver'],
              path: CMD,
              message: 'kube-apiserver (kube-apiserver-cp-1): --audit-log-maxbackup is unset (defaults to 0), expected 10 or more',
              observed: 'unset',
              expected: '10 or more',
            },
          ],
        },
        {
          name: '--audit-log-maxbackup=3',
          yaml: hardenedWith('kube-apiserver', { 'audit-log-maxbackup': '3' }),
          findings: [
            {
              messageId: 'value',
              resource: POD['kube-apiserver'],
              path: CMD,
              message: 'kube-apiserver (kube-apiserver-cp-1): --audit-log-maxbackup is 3, expected 10 or more',
              observed: '--audit-log-maxbackup=3',
              expected: '10 or more',
            },
          ],
        },
        {
          name: 'not a number',
          yaml: hardenedWith('kube-apiserver', { 'audit-log-maxbackup': 'lots' }),
          findings: [{ messageId: 'value', resource: POD['kube-apiserver'], path: CMD, observed: '--audit-log-maxbackup=lots' }],
        },
      ],
      unjudgeable: controlPlaneUnjudgeable('kube-apiserver'),
    },
    it,
  );
});

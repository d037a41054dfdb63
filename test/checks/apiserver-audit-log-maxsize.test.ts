import { describe, it } from '@jest/globals';
import check from '../../checks/apiserver-audit-log-maxsize.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('apiserver-audit-log-maxsize', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened control plane: --audit-log-maxsize=100', yaml: HARDENED },
        { name: '--audit-log-maxsize=200', yaml: hardenedWith('kube-apiserver', { 'audit-log-maxsize': '200' }) },
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
              message: 'kube-apiserver (kube-apiserver-cp-1): --audit-log-maxsize is unset (defaults to 0), expected 100 or more',
              observed: 'unset',
              expected: '100 or more',
            },
          ],
        },
        {
          name: '--audit-log-maxsize=10',
          yaml: hardenedWith('kube-apiserver', { 'audit-log-maxsize': '10' }),
          findings: [
            {
              messageId: 'value',
              resource: POD['kube-apiserver'],
              path: CMD,
              message: 'kube-apiserver (kube-apiserver-cp-1): --audit-log-maxsize is 10, expected 100 or more',
              observed: '--audit-log-maxsize=10',
              expected: '100 or more',
            },
          ],
        },
        {
          name: 'not a number',
          yaml: hardenedWith('kube-apiserver', { 'audit-log-maxsize': 'lots' }),
          findings: [{ messageId: 'value', resource: POD['kube-apiserver'], path: CMD, observed: '--audit-log-maxsize=lots' }],
        },
      ],
      unjudgeable: controlPlaneUnjudgeable('kube-apiserver'),
    },
    it,
  );
});

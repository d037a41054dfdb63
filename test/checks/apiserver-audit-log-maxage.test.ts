import { describe, it } from '@jest/globals';
import check from '../../checks/apiserver-audit-log-maxage.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('apiserver-audit-log-maxage', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened control plane: --audit-log-maxage=30', yaml: HARDENED },
        { name: '--audit-log-maxage=90', yaml: hardenedWith('kube-apiserver', { 'audit-log-maxage': '90' }) },
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
              message: 'kube-apiserver (kube-apiserver-cp-1): --audit-log-maxage is unset (defaults to 0), expected 30 or more',
              observed: 'unset',
              expected: '30 or more',
            },
          ],
        },
        {
          name: '--audit-log-maxage=7',
          yaml: hardenedWith('kube-apiserver', { 'audit-log-maxage': '7' }),
          findings: [
            {
              messageId: 'value',
              resource: POD['kube-apiserver'],
              path: CMD,
              message: 'kube-apiserver (kube-apiserver-cp-1): --audit-log-maxage is 7, expected 30 or more',
              observed: '--audit-log-maxage=7',
              expected: '30 or more',
            },
          ],
        },
        {
          name: 'not a number',
          yaml: hardenedWith('kube-apiserver', { 'audit-log-maxage': 'lots' }),
          findings: [{ messageId: 'value', resource: POD['kube-apiserver'], path: CMD, observed: '--audit-log-maxage=lots' }],
        },
      ],
      unjudgeable: controlPlaneUnjudgeable('kube-apiserver'),
    },
    it,
  );
});

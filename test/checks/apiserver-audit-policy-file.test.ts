import { describe, it } from '@jest/globals';
import check from '../../checks/apiserver-audit-policy-file.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('apiserver-audit-policy-file', () => {
  new CheckTester(check).register(
    {
      pass: [{ name: 'hardened control plane', yaml: HARDENED }],
      fail: [
        {
          name: 'kubeadm defaults: no audit policy',
          yaml: KUBEADM_DEFAULT,
          findings: [
            {
              messageId: 'unset',
              resource: POD['kube-apiserver'],
              path: CMD,
              message: 'kube-apiserver (kube-apiserver-cp-1) does not set --audit-policy-file',
              observed: 'unset',
              expected: 'set',
            },
          ],
        },
        {
          name: 'audit log path without a policy',
          yaml: hardenedWith('kube-apiserver', { 'audit-policy-file': null }),
          findings: [{ messageId: 'unset', resource: POD['kube-apiserver'], path: CMD, observed: 'unset' }],
        },
      ],
      unjudgeable: controlPlaneUnjudgeable('kube-apiserver'),
    },
    it,
  );
});

import { describe, it } from '@jest/globals';
import check from '../../checks/apiserver-audit-log-path.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('apiserver-audit-log-path', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened control plane', yaml: HARDENED },
        { name: 'audit log to stdout (-)', yaml: hardenedWith('kube-apiserver', { 'audit-log-path': '-' }) },
      ],
      fail: [
        {
          name: 'kubeadm defaults: no audit log',
          yaml: KUBEADM_DEFAULT,
          findings: [
            {
              messageId: 'unset',
              resource: POD['kube-apiserver'],
              path: CMD,
              message: 'kube-apiserver (kube-apiserver-cp-1) does not set --audit-log-path',
              observed: 'unset',
              expected: 'set',
            },
          ],
        },
      ],
      unjudgeable: controlPlaneUnjudgeable('kube-apiserver'),
    },
    it,
  );
});

import { describe, expect, it } from '@jest/globals';
import check from '../../checks/apiserver-authorization-not-always-allow.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

const fileConfigured = { 'authorization-mode': null, 'authorization-config': '/etc/kubernetes/authz/config.yaml' };

describe('apiserver-authorization-not-always-allow', () => {
  const tester = new CheckTester(check);
  tester.register(
    {
      pass: [
        { name: 'hardened control plane', yaml: HARDENED },
        { name: 'kubeadm defaults', yaml: KUBEADM_DEFAULT },
      ],
      fail: [
        {
          name: '--authorization-mode=AlwaysAllow',
          yaml: hardenedWith('kube-apiserver', { 'authorization-mode': 'AlwaysAllow' }),
          findings: [
            {
              messageId: 'present',
              resource: POD['kube-apiserver'],
              path: CMD,
              message: 'kube-apiserver (kube-apiserver-cp-1): --authorization-mode includes AlwaysAllow',
              observed: '--authorization-mode=AlwaysAllow',
              expected: 'does not include AlwaysAllow',
            },
          ],
        },
        {
          name: 'AlwaysAllow after RBAC',
          yaml: hardenedWith('kube-apiserver', { 'authorization-mode': 'Node,RBAC,AlwaysAllow' }),
          findings: [
            { messageId: 'present', resource: POD['kube-apiserver'], path: CMD, observed: '--authorization-mode=Node,RBAC,AlwaysAllow' },
          ],
        },
        {
          name: '--authorization-mode unset: defaults to AlwaysAllow',
          yaml: hardenedWith('kube-apiserver', { 'authorization-mode': null }),
          findings: [
            {
              messageId: 'present',
              resource: POD['kube-apiserver'],
              path: CMD,
              message:
                'kube-apiserver (kube-apiserver-cp-1): --authorization-mode includes AlwaysAllow (it is unset and defaults to AlwaysAllow)',
              observed: 'unset',
              expected: 'does not include AlwaysAllow',
            },
          ],
        },
      ],
      unjudgeable: [
        ...controlPlaneUnjudgeable('kube-apiserver'),
        { name: 'authorization from --authorization-config', yaml: hardenedWith('kube-apiserver', fileConfigured), status: 'not-assessed' },
      ],
    },
    it,
  );

  it('names the file it cannot read', () => {
    const { outcome } = tester.run({ yaml: hardenedWith('kube-apiserver', fileConfigured) });
    expect(outcome.unjudgeable).toEqual({
      status: 'not-assessed',
      reason: 'authorization is configured by a file (--authorization-config) kaudit cannot read',
    });
  });
});

import { describe, it } from '@jest/globals';
import check from '../../checks/apiserver-authorization-node.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('apiserver-authorization-node', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened control plane', yaml: HARDENED },
        { name: 'kubeadm defaults', yaml: KUBEADM_DEFAULT },
        { name: 'spaces in the list', yaml: hardenedWith('kube-apiserver', { 'authorization-mode': 'RBAC, Node' }) },
      ],
      fail: [
        {
          name: '--authorization-mode=RBAC',
          yaml: hardenedWith('kube-apiserver', { 'authorization-mode': 'RBAC' }),
          findings: [
            {
              messageId: 'missing',
              resource: POD['kube-apiserver'],
              path: CMD,
              message: 'kube-apiserver (kube-apiserver-cp-1): --authorization-mode does not include Node',
              observed: '--authorization-mode=RBAC',
              expected: 'includes Node',
            },
          ],
        },
        {
          name: '--authorization-mode unset: defaults to AlwaysAllow',
          yaml: hardenedWith('kube-apiserver', { 'authorization-mode': null }),
          findings: [
            {
              messageId: 'missing',
              resource: POD['kube-apiserver'],
              path: CMD,
              message:
                'kube-apiserver (kube-apiserver-cp-1): --authorization-mode does not include Node (it is unset and defaults to AlwaysAllow)',
              observed: 'unset',
            },
          ],
        },
      ],
      unjudgeable: [
        ...controlPlaneUnjudgeable('kube-apiserver'),
        {
          name: 'authorization from --authorization-config',
          yaml: hardenedWith('kube-apiserver', { 'authorization-mode': null, 'authorization-config': '/etc/kubernetes/authz/config.yaml' }),
          status: 'not-assessed',
        },
      ],
    },
    it,
  );
});

import { describe, it } from '@jest/globals';
import check from '../../checks/apiserver-authorization-rbac.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('apiserver-authorization-rbac', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened control plane', yaml: HARDENED },
        { name: 'kubeadm defaults', yaml: KUBEADM_DEFAULT },
      ],
      fail: [
        {
          name: '--authorization-mode=Node,ABAC',
          yaml: hardenedWith('kube-apiserver', { 'authorization-mode': 'Node,ABAC' }),
          findings: [
            {
              messageId: 'missing',
              resource: POD['kube-apiserver'],
              path: CMD,
              message: 'kube-apiserver (kube-apiserver-cp-1): --authorization-mode does not include RBAC',
              observed: '--authorization-mode=Node,ABAC',
              expected: 'includes RBAC',
            },
          ],
        },
        {
          name: 'case matters: rbac is not a mode',
          yaml: hardenedWith('kube-apiserver', { 'authorization-mode': 'Node,rbac' }),
          findings: [{ messageId: 'missing', resource: POD['kube-apiserver'], path: CMD, observed: '--authorization-mode=Node,rbac' }],
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

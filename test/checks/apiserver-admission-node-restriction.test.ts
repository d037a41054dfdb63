import { describe, it } from '@jest/globals';
import check from '../../checks/apiserver-admission-node-restriction.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('apiserver-admission-node-restriction', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened control plane', yaml: HARDENED },
        { name: 'kubeadm defaults', yaml: KUBEADM_DEFAULT },
      ],
      fail: [
        {
          name: 'another plugin instead',
          yaml: hardenedWith('kube-apiserver', { 'enable-admission-plugins': 'PodNodeSelector' }),
          findings: [
            {
              messageId: 'missing',
              resource: POD['kube-apiserver'],
              path: CMD,
              message: 'kube-apiserver (kube-apiserver-cp-1): --enable-admission-plugins does not include NodeRestriction',
              observed: '--enable-admission-plugins=PodNodeSelector',
              expected: 'includes NodeRestriction',
            },
          ],
        },
        {
          name: '--enable-admission-plugins unset',
          yaml: hardenedWith('kube-apiserver', { 'enable-admission-plugins': null }),
          findings: [
            { messageId: 'missing', resource: POD['kube-apiserver'], path: CMD, observed: 'unset', expected: 'includes NodeRestriction' },
          ],
        },
      ],
      unjudgeable: controlPlaneUnjudgeable('kube-apiserver'),
    },
    it,
  );
});

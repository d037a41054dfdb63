import { describe, it } from '@jest/globals';
import check from '../../checks/apiserver-admission-always-admit.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('apiserver-admission-always-admit', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened control plane', yaml: HARDENED },
        { name: 'kubeadm defaults', yaml: KUBEADM_DEFAULT },
        { name: '--enable-admission-plugins unset', yaml: hardenedWith('kube-apiserver', { 'enable-admission-plugins': null }) },
      ],
      fail: [
        {
          name: 'AlwaysAdmit enabled',
          yaml: hardenedWith('kube-apiserver', { 'enable-admission-plugins': 'NodeRestriction,AlwaysAdmit' }),
          findings: [
            {
              messageId: 'present',
              resource: POD['kube-apiserver'],
              path: CMD,
              message: 'kube-apiserver (kube-apiserver-cp-1): --enable-admission-plugins includes AlwaysAdmit',
              observed: '--enable-admission-plugins=NodeRestriction,AlwaysAdmit',
              expected: 'does not include AlwaysAdmit',
            },
          ],
        },
      ],
      unjudgeable: controlPlaneUnjudgeable('kube-apiserver'),
    },
    it,
  );
});

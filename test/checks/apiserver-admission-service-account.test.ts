import { describe, it } from '@jest/globals';
import check from '../../checks/apiserver-admission-service-account.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('apiserver-admission-service-account', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened control plane', yaml: HARDENED },
        { name: 'kubeadm defaults', yaml: KUBEADM_DEFAULT },
        { name: 'another plugin disabled', yaml: hardenedWith('kube-apiserver', { 'disable-admission-plugins': 'DefaultStorageClass' }) },
      ],
      fail: [
        {
          name: 'ServiceAccount disabled',
          yaml: hardenedWith('kube-apiserver', { 'disable-admission-plugins': 'DefaultStorageClass,ServiceAccount' }),
          findings: [
            {
              messageId: 'present',
              resource: POD['kube-apiserver'],
              path: CMD,
              message: 'kube-apiserver (kube-apiserver-cp-1): --disable-admission-plugins includes ServiceAccount',
              observed: '--disable-admission-plugins=DefaultStorageClass,ServiceAccount',
              expected: 'does not include ServiceAccount',
            },
          ],
        },
      ],
      unjudgeable: controlPlaneUnjudgeable('kube-apiserver'),
    },
    it,
  );
});

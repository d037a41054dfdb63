import { describe, it } from '@jest/globals';
import check from '../../checks/controller-manager-use-sa-credentials.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('controller-manager-use-sa-credentials', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened control plane', yaml: HARDENED },
        { name: 'kubeadm defaults', yaml: KUBEADM_DEFAULT },
      ],
      fail: [
        {
          name: '--use-service-account-credentials=false',
          yaml: hardenedWith('kube-controller-manager', { 'use-service-account-credentials': 'false' }),
          findings: [
            {
              messageId: 'value',
              resource: POD['kube-controller-manager'],
              path: CMD,
              message: 'kube-controller-manager (kube-controller-manager-cp-1): --use-service-account-credentials is false, expected true',
              observed: '--use-service-account-credentials=false',
              expected: 'true',
            },
          ],
        },
        {
          name: 'unset: defaults to false',
          yaml: hardenedWith('kube-controller-manager', { 'use-service-account-credentials': null }),
          findings: [
            {
              messageId: 'value',
              resource: POD['kube-controller-manager'],
              path: CMD,
              message:
                'kube-controller-manager (kube-controller-manager-cp-1): --use-service-account-credentials is unset (defaults to false), expected true',
              observed: 'unset',
            },
          ],
        },
      ],
      unjudgeable: controlPlaneUnjudgeable('kube-controller-manager'),
    },
    it,
  );
});

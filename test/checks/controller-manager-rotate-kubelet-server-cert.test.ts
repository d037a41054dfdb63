import { describe, it } from '@jest/globals';
import check from '../../checks/controller-manager-rotate-kubelet-server-cert.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('controller-manager-rotate-kubelet-server-cert', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened control plane: gate set to true', yaml: HARDENED },
        { name: 'kubeadm defaults: no --feature-gates, on by default', yaml: KUBEADM_DEFAULT },
        {
          name: 'another gate turned off',
          yaml: hardenedWith('kube-controller-manager', { 'feature-gates': 'SomeAlphaGate=false,RotateKubeletServerCertificate=true' }),
        },
      ],
      fail: [
        {
          name: 'gate turned off',
          yaml: hardenedWith('kube-controller-manager', { 'feature-gates': 'SomeAlphaGate=true,RotateKubeletServerCertificate=false' }),
          findings: [
            {
              messageId: 'disabled',
              resource: POD['kube-controller-manager'],
              path: CMD,
              message: 'kube-controller-manager (kube-controller-manager-cp-1): --feature-gates turns RotateKubeletServerCertificate off',
              observed: '--feature-gates=SomeAlphaGate=true,RotateKubeletServerCertificate=false',
              expected: 'RotateKubeletServerCertificate not set to false',
            },
          ],
        },
      ],
      unjudgeable: controlPlaneUnjudgeable('kube-controller-manager'),
    },
    it,
  );
});

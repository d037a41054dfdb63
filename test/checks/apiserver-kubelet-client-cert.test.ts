import { describe, it } from '@jest/globals';
import check from '../../checks/apiserver-kubelet-client-cert.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('apiserver-kubelet-client-cert', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened control plane', yaml: HARDENED },
        { name: 'kubeadm defaults', yaml: KUBEADM_DEFAULT },
      ],
      fail: [
        {
          name: '--kubelet-client-key missing',
          yaml: hardenedWith('kube-apiserver', { 'kubelet-client-key': null }),
          findings: [
            {
              messageId: 'unset',
              resource: POD['kube-apiserver'],
              path: CMD,
              message: 'kube-apiserver (kube-apiserver-cp-1) does not set --kubelet-client-key',
              observed: '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt, --kubelet-client-key unset',
              expected: '--kubelet-client-certificate and --kubelet-client-key set',
            },
          ],
        },
        {
          name: 'both missing',
          yaml: hardenedWith('kube-apiserver', { 'kubelet-client-key': null, 'kubelet-client-certificate': null }),
          findings: [
            {
              messageId: 'unset',
              resource: POD['kube-apiserver'],
              path: CMD,
              message: 'kube-apiserver (kube-apiserver-cp-1) does not set --kubelet-client-certificate and --kubelet-client-key',
              observed: '--kubelet-client-certificate unset, --kubelet-client-key unset',
            },
          ],
        },
        {
          name: 'set to an empty value',
          yaml: hardenedWith('kube-apiserver', { 'kubelet-client-certificate': '' }),
          findings: [
            {
              messageId: 'unset',
              resource: POD['kube-apiserver'],
              path: CMD,
              message: 'kube-apiserver (kube-apiserver-cp-1) does not set --kubelet-client-certificate',
            },
          ],
        },
      ],
      unjudgeable: controlPlaneUnjudgeable('kube-apiserver'),
    },
    it,
  );
});

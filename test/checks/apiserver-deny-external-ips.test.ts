import { describe, it } from '@jest/globals';
import check from '../../checks/apiserver-deny-external-ips.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('apiserver-deny-external-ips', () => {
  new CheckTester(check).register(
    {
      pass: [{ name: 'hardened control plane', yaml: HARDENED }],
      fail: [
        {
          name: 'kubeadm defaults: only NodeRestriction',
          yaml: KUBEADM_DEFAULT,
          findings: [
            {
              messageId: 'missing',
              resource: POD['kube-apiserver'],
              path: CMD,
              message: 'kube-apiserver (kube-apiserver-cp-1): --enable-admission-plugins does not include DenyServiceExternalIPs',
              observed: '--enable-admission-plugins=NodeRestriction',
              expected: 'includes DenyServiceExternalIPs',
            },
          ],
        },
        {
          name: '--enable-admission-plugins unset',
          yaml: hardenedWith('kube-apiserver', { 'enable-admission-plugins': null }),
          findings: [
            {
              messageId: 'missing',
              resource: POD['kube-apiserver'],
              path: CMD,
              message:
                'kube-apiserver (kube-apiserver-cp-1): --enable-admission-plugins does not include DenyServiceExternalIPs (it is unset)',
              observed: 'unset',
            },
          ],
        },
      ],
      unjudgeable: controlPlaneUnjudgeable('kube-apiserver'),
    },
    it,
  );
});

import { describe, it } from '@jest/globals';
import check from '../../checks/apiserver-service-account-lookup.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('apiserver-service-account-lookup', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened control plane: --service-account-lookup=true', yaml: HARDENED },
        { name: 'kubeadm defaults: unset, defaults to true', yaml: KUBEADM_DEFAULT },
      ],
      fail: [
        {
          name: '--service-account-lookup=false',
          yaml: hardenedWith('kube-apiserver', { 'service-account-lookup': 'false' }),
          findings: [
            {
              messageId: 'value',
              resource: POD['kube-apiserver'],
              path: CMD,
              message: 'kube-apiserver (kube-apiserver-cp-1): --service-account-lookup is false, expected true (or unset)',
              observed: '--service-account-lookup=false',
              expected: 'true (or unset)',
            },
          ],
        },
        {
          name: 'not a boolean',
          yaml: hardenedWith('kube-apiserver', { 'service-account-lookup': 'yes' }),
          findings: [{ messageId: 'value', resource: POD['kube-apiserver'], path: CMD, observed: '--service-account-lookup=yes' }],
        },
      ],
      unjudgeable: controlPlaneUnjudgeable('kube-apiserver'),
    },
    it,
  );
});

import { describe, it } from '@jest/globals';
import check from '../../checks/apiserver-admission-event-rate-limit.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('apiserver-admission-event-rate-limit', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened control plane', yaml: HARDENED },
        {
          name: 'plugin first in the list',
          yaml: hardenedWith('kube-apiserver', { 'enable-admission-plugins': 'EventRateLimit,NodeRestriction' }),
        },
      ],
      fail: [
        {
          name: 'kubeadm defaults: only NodeRestriction',
          yaml: KUBEADM_DEFAULT,
          findings: [
            {
              messageId: 'missing',
              resource: POD['kube-apiserver'],
              path: CMD,
              message: 'kube-apiserver (kube-apiserver-cp-1): --enable-admission-plugins does not include EventRateLimit',
              observed: '--enable-admission-plugins=NodeRestriction',
              expected: 'includes EventRateLimit',
            },
          ],
        },
      ],
      unjudgeable: controlPlaneUnjudgeable('kube-apiserver'),
    },
    it,
  );
});

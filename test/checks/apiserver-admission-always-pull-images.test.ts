import { describe, it } from '@jest/globals';
import check from '../../checks/apiserver-admission-always-pull-images.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

describe('apiserver-admission-always-pull-images', () => {
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
              message: 'kube-apiserver (kube-apiserver-cp-1): --enable-admission-plugins does not include AlwaysPullImages',
              observed: '--enable-admission-plugins=NodeRestriction',
              expected: 'includes AlwaysPullImages',
            },
          ],
        },
      ],
      unjudgeable: controlPlaneUnjudgeable('kube-apiserver'),
    },
    it,
  );
});

import { describe, it } from '@jest/globals';
import check from '../../checks/kubelet-client-ca.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { KUBELET_HARDENED, KUBELET_KUBEADM_DEFAULT, kubeletUnjudgeable, kubeletWith, WORKER } from '../support/control-plane.js';

describe('kubelet-client-ca', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened kubelet', yaml: KUBELET_HARDENED },
        { name: 'kubeadm config file', yaml: KUBELET_KUBEADM_DEFAULT },
      ],
      fail: [
        {
          name: 'clientCAFile absent',
          yaml: kubeletWith({ '/authentication/x509': null }),
          findings: [
            {
              messageId: 'unset',
              resource: WORKER,
              path: '/authentication/x509/clientCAFile',
              message: 'kubelet on node worker-1 has no client CA (authentication.x509.clientCAFile is unset)',
              observed: 'unset',
              expected: 'a CA bundle path',
            },
          ],
        },
        {
          name: 'clientCAFile empty',
          yaml: kubeletWith({ '/authentication/x509/clientCAFile': '' }),
          findings: [{ messageId: 'unset', resource: WORKER, path: '/authentication/x509/clientCAFile', observed: '""' }],
        },
      ],
      unjudgeable: kubeletUnjudgeable(),
    },
    it,
  );
});

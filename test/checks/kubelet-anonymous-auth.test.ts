import { describe, it } from '@jest/globals';
import check from '../../checks/kubelet-anonymous-auth.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { KUBELET_HARDENED, KUBELET_KUBEADM_DEFAULT, kubeletUnjudgeable, kubeletWith, WORKER } from '../support/control-plane.js';

describe('kubelet-anonymous-auth', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened kubelet', yaml: KUBELET_HARDENED },
        { name: 'kubeadm config file', yaml: KUBELET_KUBEADM_DEFAULT },
        { name: 'field absent: the config-file default is false', yaml: kubeletWith({ '/authentication/anonymous': null }) },
      ],
      fail: [
        {
          name: 'anonymous enabled',
          yaml: kubeletWith({ '/authentication/anonymous/enabled': true }),
          findings: [
            {
              messageId: 'anonymous',
              resource: WORKER,
              path: '/authentication/anonymous/enabled',
              message: 'kubelet on node worker-1 accepts anonymous requests (authentication.anonymous.enabled is true)',
              observed: 'true',
              expected: 'false',
            },
          ],
        },
        {
          name: 'one finding per node',
          yaml: [
            kubeletWith({ '/authentication/anonymous/enabled': true }),
            kubeletWith({}, 'hardened', 'worker-2'),
            kubeletWith({ '/authentication/anonymous/enabled': true }, 'hardened', 'worker-3'),
          ].join('---\n'),
          findings: [
            { messageId: 'anonymous', resource: WORKER, path: '/authentication/anonymous/enabled' },
            { messageId: 'anonymous', resource: 'Node/worker-3', path: '/authentication/anonymous/enabled' },
          ],
        },
      ],
      unjudgeable: kubeletUnjudgeable(),
    },
    it,
  );
});

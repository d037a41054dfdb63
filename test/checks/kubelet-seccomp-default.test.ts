import { describe, it } from '@jest/globals';
import check from '../../checks/kubelet-seccomp-default.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { KUBELET_HARDENED, KUBELET_KUBEADM_DEFAULT, kubeletUnjudgeable, kubeletWith, WORKER } from '../support/control-plane.js';

describe('kubelet-seccomp-default', () => {
  new CheckTester(check).register(
    {
      pass: [{ name: 'hardened kubelet', yaml: KUBELET_HARDENED }],
      fail: [
        {
          name: 'kubeadm config file: absent, defaults to false',
          yaml: KUBELET_KUBEADM_DEFAULT,
          findings: [
            {
              messageId: 'disabled',
              resource: WORKER,
              path: '/seccompDefault',
              message:
                'kubelet on node worker-1 runs containers without a seccomp profile unless they ask for one (seccompDefault is unset, which defaults to false)',
              observed: 'unset (default false)',
              expected: 'true',
            },
          ],
        },
        {
          name: 'seccompDefault false',
          yaml: kubeletWith({ '/seccompDefault': false }),
          findings: [{ messageId: 'disabled', resource: WORKER, path: '/seccompDefault', observed: 'false', expected: 'true' }],
        },
      ],
      unjudgeable: kubeletUnjudgeable(),
    },
    it,
  );
});

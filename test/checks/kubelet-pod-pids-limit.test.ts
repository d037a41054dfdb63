import { describe, it } from '@jest/globals';
import check from '../../checks/kubelet-pod-pids-limit.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { KUBELET_HARDENED, KUBELET_KUBEADM_DEFAULT, kubeletUnjudgeable, kubeletWith, WORKER } from '../support/control-plane.js';

describe('kubelet-pod-pids-limit', () => {
  new CheckTester(check).register(
    {
      pass: [{ name: 'hardened kubelet: 4096', yaml: KUBELET_HARDENED }],
      fail: [
        {
          name: 'kubeadm config file: absent, defaults to -1',
          yaml: KUBELET_KUBEADM_DEFAULT,
          findings: [
            {
              messageId: 'unlimited',
              resource: WORKER,
              path: '/podPidsLimit',
              message: 'kubelet on node worker-1 sets no per-pod process limit (podPidsLimit is unset, which defaults to -1)',
              observed: 'unset (default -1)',
              expected: 'a positive number',
            },
          ],
        },
        {
          name: 'configz: -1',
          yaml: kubeletWith({ '/podPidsLimit': -1 }),
          findings: [{ messageId: 'unlimited', resource: WORKER, path: '/podPidsLimit', observed: '-1' }],
        },
        {
          name: '0: no limit either',
          yaml: kubeletWith({ '/podPidsLimit': 0 }),
          findings: [{ messageId: 'unlimited', resource: WORKER, path: '/podPidsLimit', observed: '0' }],
        },
      ],
      unjudgeable: kubeletUnjudgeable(),
    },
    it,
  );
});

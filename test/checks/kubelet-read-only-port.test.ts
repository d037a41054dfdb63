import { describe, it } from '@jest/globals';
import check from '../../checks/kubelet-read-only-port.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { KUBELET_HARDENED, KUBELET_KUBEADM_DEFAULT, kubeletUnjudgeable, kubeletWith, WORKER } from '../support/control-plane.js';

describe('kubelet-read-only-port', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened kubelet: readOnlyPort 0', yaml: KUBELET_HARDENED },
        { name: 'kubeadm config file: absent, the config-file default is 0', yaml: KUBELET_KUBEADM_DEFAULT },
      ],
      fail: [
        {
          name: 'port 10255 open',
          yaml: kubeletWith({ '/readOnlyPort': 10255 }),
          findings: [
            {
              messageId: 'open',
              resource: WORKER,
              path: '/readOnlyPort',
              message: 'kubelet on node worker-1 serves the unauthenticated read-only port 10255',
              observed: '10255',
              expected: '0',
            },
          ],
        },
      ],
      unjudgeable: kubeletUnjudgeable(),
    },
    it,
  );
});

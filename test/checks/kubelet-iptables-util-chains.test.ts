import { describe, it } from '@jest/globals';
import check from '../../checks/kubelet-iptables-util-chains.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { KUBELET_HARDENED, KUBELET_KUBEADM_DEFAULT, kubeletUnjudgeable, kubeletWith, WORKER } from '../support/control-plane.js';

describe('kubelet-iptables-util-chains', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened kubelet', yaml: KUBELET_HARDENED },
        { name: 'kubeadm config file: absent, defaults to true', yaml: KUBELET_KUBEADM_DEFAULT },
      ],
      fail: [
        {
          name: 'makeIPTablesUtilChains false',
          yaml: kubeletWith({ '/makeIPTablesUtilChains': false }),
          findings: [
            {
              messageId: 'disabled',
              resource: WORKER,
              path: '/makeIPTablesUtilChains',
              message: 'kubelet on node worker-1 does not manage its iptables utility chains (makeIPTablesUtilChains is false)',
              observed: 'false',
              expected: 'true (or unset)',
            },
          ],
        },
      ],
      unjudgeable: kubeletUnjudgeable(),
    },
    it,
  );
});

import { describe, it } from '@jest/globals';
import check from '../../checks/kubelet-authorization-mode.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { KUBELET_HARDENED, KUBELET_KUBEADM_DEFAULT, kubeletUnjudgeable, kubeletWith, WORKER } from '../support/control-plane.js';

describe('kubelet-authorization-mode', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened kubelet', yaml: KUBELET_HARDENED },
        { name: 'kubeadm config file', yaml: KUBELET_KUBEADM_DEFAULT },
        { name: 'field absent: the config-file default is Webhook', yaml: kubeletWith({ '/authorization': null }) },
      ],
      fail: [
        {
          name: 'AlwaysAllow',
          yaml: kubeletWith({ '/authorization/mode': 'AlwaysAllow' }),
          findings: [
            {
              messageId: 'alwaysAllow',
              resource: WORKER,
              path: '/authorization/mode',
              message: 'kubelet on node worker-1 authorizes every request (authorization.mode is AlwaysAllow)',
              observed: 'AlwaysAllow',
              expected: 'Webhook',
            },
          ],
        },
      ],
      unjudgeable: kubeletUnjudgeable(),
    },
    it,
  );
});

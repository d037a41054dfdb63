import { describe, it } from '@jest/globals';
import check from '../../checks/kubelet-event-qps.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { KUBELET_HARDENED, KUBELET_KUBEADM_DEFAULT, kubeletUnjudgeable, kubeletWith, WORKER } from '../support/control-plane.js';

describe('kubelet-event-qps', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened kubelet: 50', yaml: KUBELET_HARDENED },
        { name: 'kubeadm config file: absent, defaults to 50', yaml: KUBELET_KUBEADM_DEFAULT },
        { name: 'a low but positive limit', yaml: kubeletWith({ '/eventRecordQPS': 5 }) },
      ],
      fail: [
        {
          name: 'eventRecordQPS 0: no limit',
          yaml: kubeletWith({ '/eventRecordQPS': 0 }),
          findings: [
            {
              messageId: 'unlimited',
              resource: WORKER,
              path: '/eventRecordQPS',
              message: 'kubelet on node worker-1 creates Events without a rate limit (eventRecordQPS is 0)',
              observed: '0',
              expected: 'a positive number',
            },
          ],
        },
      ],
      unjudgeable: kubeletUnjudgeable(),
    },
    it,
  );
});

import { describe, it } from '@jest/globals';
import check from '../../checks/kubelet-streaming-idle-timeout.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import {
  fromConfigz,
  KUBELET_HARDENED,
  KUBELET_KUBEADM_DEFAULT,
  kubeletUnjudgeable,
  kubeletWith,
  WORKER,
} from '../support/control-plane.js';

describe('kubelet-streaming-idle-timeout', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened kubelet: 5m0s', yaml: KUBELET_HARDENED },
        { name: 'kubeadm config file: 0s in a file means the 4h default', yaml: KUBELET_KUBEADM_DEFAULT },
        { name: 'field absent: 4h default', yaml: kubeletWith({ '/streamingConnectionIdleTimeout': null }) },
        { name: 'configz: 4h0m0s', yaml: kubeletWith({ '/streamingConnectionIdleTimeout': '4h0m0s' }), inventory: fromConfigz },
        { name: 'configz: 1m30s', yaml: kubeletWith({ '/streamingConnectionIdleTimeout': '1m30s' }), inventory: fromConfigz },
      ],
      fail: [
        {
          name: 'configz reports 0s (set by --streaming-connection-idle-timeout=0)',
          yaml: kubeletWith({ '/streamingConnectionIdleTimeout': '0s' }),
          inventory: fromConfigz,
          findings: [
            {
              messageId: 'noTimeout',
              resource: WORKER,
              path: '/streamingConnectionIdleTimeout',
              message: 'kubelet on node worker-1 never closes idle streaming connections (streamingConnectionIdleTimeout is 0s)',
              observed: '0s',
              expected: 'a non-zero duration (e.g. 5m)',
            },
          ],
        },
        {
          name: 'not a duration',
          yaml: kubeletWith({ '/streamingConnectionIdleTimeout': 'forever' }),
          findings: [{ messageId: 'noTimeout', resource: WORKER, path: '/streamingConnectionIdleTimeout', observed: 'forever' }],
        },
      ],
      unjudgeable: kubeletUnjudgeable(),
    },
    it,
  );
});

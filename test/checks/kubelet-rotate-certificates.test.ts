import { describe, it } from '@jest/globals';
import check from '../../checks/kubelet-rotate-certificates.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { KUBELET_HARDENED, KUBELET_KUBEADM_DEFAULT, kubeletUnjudgeable, kubeletWith, WORKER } from '../support/control-plane.js';

describe('kubelet-rotate-certificates', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened kubelet', yaml: KUBELET_HARDENED },
        { name: 'kubeadm config file: true', yaml: KUBELET_KUBEADM_DEFAULT },
      ],
      fail: [
        {
          name: 'rotateCertificates false',
          yaml: kubeletWith({ '/rotateCertificates': false }),
          findings: [
            {
              messageId: 'disabled',
              resource: WORKER,
              path: '/rotateCertificates',
              message: 'kubelet on node worker-1 does not rotate its client certificate (rotateCertificates is false)',
              observed: 'false',
              expected: 'true',
            },
          ],
        },
        {
          name: 'field absent: the KubeletConfiguration default is false',
          yaml: kubeletWith({ '/rotateCertificates': null }),
          findings: [
            {
              messageId: 'disabled',
              resource: WORKER,
              path: '/rotateCertificates',
              message:
                'kubelet on node worker-1 does not rotate its client certificate (rotateCertificates is unset, which defaults to false)',
              observed: 'unset (default false)',
            },
          ],
        },
      ],
      unjudgeable: kubeletUnjudgeable(),
    },
    it,
  );
});

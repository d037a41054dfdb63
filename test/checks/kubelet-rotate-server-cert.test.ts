import { describe, it } from '@jest/globals';
import check from '../../checks/kubelet-rotate-server-cert.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { KUBELET_HARDENED, KUBELET_KUBEADM_DEFAULT, kubeletUnjudgeable, kubeletWith, WORKER } from '../support/control-plane.js';

describe('kubelet-rotate-server-cert', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'hardened kubelet: bootstrap on, gate on', yaml: KUBELET_HARDENED },
        { name: 'bootstrap on, gate left at its default', yaml: kubeletWith({ '/featureGates': null }) },
      ],
      fail: [
        {
          name: 'kubeadm config file: no serving certificate bootstrap',
          yaml: KUBELET_KUBEADM_DEFAULT,
          findings: [
            {
              messageId: 'noBootstrap',
              resource: WORKER,
              path: '/serverTLSBootstrap',
              message:
                'kubelet on node worker-1 does not request its serving certificate from the cluster, so it is never rotated (serverTLSBootstrap is unset, which defaults to false)',
              observed: 'unset (default false)',
              expected: 'true',
            },
          ],
        },
        {
          name: 'feature gate turned off',
          yaml: kubeletWith({ '/featureGates/RotateKubeletServerCertificate': false }),
          findings: [
            {
              messageId: 'gateDisabled',
              resource: WORKER,
              path: '/featureGates/RotateKubeletServerCertificate',
              message: 'kubelet on node worker-1 turns the RotateKubeletServerCertificate feature gate off',
              observed: 'false',
              expected: 'true (or unset)',
            },
          ],
        },
        {
          name: 'both',
          yaml: kubeletWith({ '/featureGates/RotateKubeletServerCertificate': false, '/serverTLSBootstrap': false }),
          findings: [
            { messageId: 'gateDisabled', resource: WORKER, path: '/featureGates/RotateKubeletServerCertificate' },
            { messageId: 'noBootstrap', resource: WORKER, path: '/serverTLSBootstrap', observed: 'false' },
          ],
        },
      ],
      unjudgeable: kubeletUnjudgeable(),
    },
    it,
  );
});

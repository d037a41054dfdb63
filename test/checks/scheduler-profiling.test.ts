import { describe, expect, it } from '@jest/globals';
import check from '../../checks/scheduler-profiling.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD } from '../support/control-plane.js';

const withConfigFile = hardenedWith('kube-scheduler', { config: '/etc/kubernetes/scheduler-config.yaml' });

describe('scheduler-profiling', () => {
  const tester = new CheckTester(check);
  tester.register(
    {
      pass: [{ name: 'hardened control plane', yaml: HARDENED }],
      fail: [
        {
          name: 'kubeadm defaults: unset, defaults to true',
          yaml: KUBEADM_DEFAULT,
          findings: [
            {
              messageId: 'value',
              resource: POD['kube-scheduler'],
              path: CMD,
              message: 'kube-scheduler (kube-scheduler-cp-1): --profiling is unset (defaults to true), expected false',
              observed: 'unset',
              expected: 'false',
            },
          ],
        },
        {
          name: '--profiling=true',
          yaml: hardenedWith('kube-scheduler', { profiling: 'true' }),
          findings: [{ messageId: 'value', resource: POD['kube-scheduler'], path: CMD, observed: '--profiling=true', expected: 'false' }],
        },
      ],
      unjudgeable: [
        ...controlPlaneUnjudgeable('kube-scheduler'),
        // The flag is ignored once --config is given: enableProfiling in the file decides.
        { name: 'KubeSchedulerConfiguration file, even with --profiling=false', yaml: withConfigFile, status: 'not-assessed' },
      ],
    },
    it,
  );

  it('names the file it cannot read', () => {
    expect(tester.run({ yaml: withConfigFile }).outcome.unjudgeable?.reason).toBe(
      'scheduler profiling is configured by a file (--config) kaudit cannot read',
    );
  });
});

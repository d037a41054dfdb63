import { describe, expect, it } from '@jest/globals';
import check from '../../checks/apiserver-anonymous-auth.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { cluster, CMD, controlPlaneUnjudgeable, HARDENED, hardenedWith, KUBEADM_DEFAULT, POD, podWith } from '../support/control-plane.js';

const fileConfigured = { 'anonymous-auth': null, 'authentication-config': '/etc/kubernetes/authn/config.yaml' };

describe('apiserver-anonymous-auth', () => {
  const tester = new CheckTester(check);
  tester.register(
    {
      pass: [
        { name: 'hardened control plane', yaml: HARDENED },
        {
          name: '--authentication-config with --anonymous-auth=false: the flag decides',
          yaml: hardenedWith('kube-apiserver', { 'authentication-config': '/etc/kubernetes/authn/config.yaml' }),
        },
        { name: 'a Go boolean spelling: --anonymous-auth=False', yaml: hardenedWith('kube-apiserver', { 'anonymous-auth': 'False' }) },
      ],
      fail: [
        {
          name: 'kubeadm defaults: --anonymous-auth unset',
          yaml: KUBEADM_DEFAULT,
          findings: [
            {
              messageId: 'value',
              resource: POD['kube-apiserver'],
              path: CMD,
              message: 'kube-apiserver (kube-apiserver-cp-1): --anonymous-auth is unset (defaults to true), expected false',
              observed: 'unset',
              expected: 'false',
            },
          ],
        },
        {
          name: '--anonymous-auth=true',
          yaml: hardenedWith('kube-apiserver', { 'anonymous-auth': 'true' }),
          findings: [
            {
              messageId: 'value',
              resource: POD['kube-apiserver'],
              path: CMD,
              message: 'kube-apiserver (kube-apiserver-cp-1): --anonymous-auth is true, expected false',
              observed: '--anonymous-auth=true',
              expected: 'false',
            },
          ],
        },
        {
          name: 'HA: one instance reads a file, the other fails: the failure is reported',
          yaml: cluster(podWith('kube-apiserver', fileConfigured), podWith('kube-apiserver', { 'anonymous-auth': null }, { node: 'cp-2' })),
          findings: [
            { messageId: 'value', resource: 'Pod/kube-system/kube-apiserver-cp-2', path: CMD, observed: 'unset', expected: 'false' },
          ],
        },
      ],
      unjudgeable: [
        ...controlPlaneUnjudgeable('kube-apiserver'),
        {
          name: '--authentication-config without --anonymous-auth',
          yaml: hardenedWith('kube-apiserver', fileConfigured),
          status: 'not-assessed',
        },
        {
          name: 'HA: one instance reads a file, the other passes',
          yaml: cluster(podWith('kube-apiserver', fileConfigured), podWith('kube-apiserver', {}, { node: 'cp-2' })),
          status: 'not-assessed',
        },
      ],
    },
    it,
  );

  it('names the file it cannot read', () => {
    const { outcome } = tester.run({ yaml: hardenedWith('kube-apiserver', fileConfigured) });
    expect(outcome.unjudgeable).toEqual({
      status: 'not-assessed',
      reason: 'anonymous authentication is configured by a file (--authentication-config) kaudit cannot read',
    });
  });

  it('says why a managed or hidden control plane cannot be judged', () => {
    expect(tester.run({ yaml: '', inventory: (inv) => void (inv.platform = 'gke') }).outcome.unjudgeable).toEqual({
      status: 'not-applicable',
      reason: 'the control plane is managed by the provider',
    });
    expect(tester.run({ yaml: '', inventory: (inv) => void (inv.platform = 'k3s') }).outcome.unjudgeable?.reason).toBe(
      'k3s runs the control plane in one process without static pods',
    );
    expect(tester.run({ yaml: '' }).outcome.unjudgeable).toEqual({
      status: 'not-assessed',
      reason: 'no kube-apiserver static pod visible in kube-system',
    });
  });
});

import { describe, it } from '@jest/globals';
import check from '../../checks/apiserver-request-timeout.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { CMD, controlPlaneUnjudgeable, hardenedWith, POD } from '../support/control-plane.js';

describe('apiserver-request-timeout', () => {
  new CheckTester(check).register(
    {
      pass: [
        {
          name: '--request-timeout=2m within maxSeconds 300',
          yaml: hardenedWith('kube-apiserver', { 'request-timeout': '2m' }),
          options: { maxSeconds: 300 },
        },
        {
          name: 'unset (default 60s) within maxSeconds 60',
          yaml: hardenedWith('kube-apiserver', { 'request-timeout': null }),
          options: { maxSeconds: 60 },
        },
      ],
      fail: [
        {
          name: '--request-timeout=30m, over a 300s limit',
          yaml: hardenedWith('kube-apiserver', { 'request-timeout': '30m' }),
          options: { maxSeconds: 300 },
          findings: [
            {
              messageId: 'tooLong',
              resource: POD['kube-apiserver'],
              path: CMD,
              message: 'kube-apiserver pod kube-apiserver-cp-1 sets --request-timeout=30m: longer than 300s',
              observed: '--request-timeout=30m',
              expected: 'at most 300s',
            },
          ],
        },
        {
          name: 'not a duration',
          yaml: hardenedWith('kube-apiserver', { 'request-timeout': 'soon' }),
          findings: [
            {
              messageId: 'tooLong',
              resource: POD['kube-apiserver'],
              path: CMD,
              message: 'kube-apiserver pod kube-apiserver-cp-1 sets --request-timeout=soon: not a positive duration',
              expected: 'a positive duration',
            },
          ],
        },
        {
          name: 'the default 60s over a stricter maxSeconds',
          yaml: hardenedWith('kube-apiserver', { 'request-timeout': null }),
          options: { maxSeconds: 30 },
          findings: [
            { messageId: 'tooLong', resource: POD['kube-apiserver'], path: CMD, observed: 'unset (default 60s)', expected: 'at most 30s' },
          ],
        },
      ],
      unjudgeable: [
        {
          name: 'unset: the default 60s, for a human to judge',
          yaml: hardenedWith('kube-apiserver', { 'request-timeout': null }),
          status: 'manual',
          reason: "--request-timeout on kube-apiserver-cp-1: unset (default 60s); judge it against the cluster's largest list requests",
        },
        {
          name: '--request-timeout=30m without a limit, for a human to judge',
          yaml: hardenedWith('kube-apiserver', { 'request-timeout': '30m' }),
          status: 'manual',
          reason: "--request-timeout on kube-apiserver-cp-1: --request-timeout=30m; judge it against the cluster's largest list requests",
        },
        ...controlPlaneUnjudgeable('kube-apiserver'),
      ],
    },
    it,
  );
});

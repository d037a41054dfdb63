import { describe, it } from '@jest/globals';
import check from '../../checks/pss-host-probes-lifecycle.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const podFindings = [
  {
    messageId: 'violation',
    resource: 'Pod/shop/web',
    path: '/spec/containers/0/livenessProbe/httpGet/host',
    message: 'Host Probes / Lifecycle Hooks (baseline): container "app" sets livenessProbe.httpGet.host=169.254.169.254',
    observed: '169.254.169.254',
    expected: 'unset or ""',
  },
  {
    messageId: 'violation',
    resource: 'Pod/shop/web',
    path: '/spec/containers/0/lifecycle/preStop/tcpSocket/host',
    message: 'Host Probes / Lifecycle Hooks (baseline): container "app" sets lifecycle.preStop.tcpSocket.host=10.0.0.1',
  },
];

describe('pss-host-probes-lifecycle', () => {
  new CheckTester(check).register(
    {
      pass: [
        'pass-local-probes.yaml',
        { name: 'local probes at v1.34', fixture: 'pass-local-probes.yaml', options: { pssVersion: 'v1.34' } },
      ],
      fail: [
        { fixture: 'fail-pod.yaml', findings: podFindings },
        {
          name: 'v1.34, the first version with the control',
          fixture: 'fail-pod.yaml',
          options: { pssVersion: 'v1.34' },
          findings: podFindings,
        },
        {
          name: 'Deployment with a ReplicaSet and 3 pods: one finding on the template',
          fixture: 'fail-deployment.yaml',
          findings: [
            {
              messageId: 'violation',
              resource: 'Deployment/shop/api',
              path: '/spec/template/spec/containers/0/startupProbe/httpGet/host',
              message: 'Host Probes / Lifecycle Hooks (baseline): container "app" sets startupProbe.httpGet.host=kubernetes.default.svc',
              podCount: 3,
            },
          ],
        },
      ],
      unjudgeable: [
        {
          name: 'v1.33: the control does not exist yet',
          fixture: 'fail-pod.yaml',
          options: { pssVersion: 'v1.33' },
          status: 'not-applicable',
        },
        { name: 'v1.0', fixture: 'fail-deployment.yaml', options: { pssVersion: '1.0' }, status: 'not-applicable' },
      ],
    },
    it,
  );
});

import { describe, it } from '@jest/globals';
import check from '../../checks/pss-privilege-escalation.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const windowsPod = `
apiVersion: v1
kind: Pod
metadata: {name: win, namespace: shop}
spec:
  os: {name: windows}
  containers:
  - {name: app, image: mcr.microsoft.com/windows/nanoserver:ltsc2022}
`;

describe('pss-privilege-escalation', () => {
  new CheckTester(check).register(
    {
      pass: [
        'pass-false.yaml',
        { name: 'Windows pods are exempt from v1.25', yaml: windowsPod, options: { pssVersion: 'v1.25' } },
        { name: 'Windows pods are exempt at latest', yaml: windowsPod },
      ],
      fail: [
        {
          fixture: 'fail-pod.yaml',
          findings: [
            {
              messageId: 'violation',
              resource: 'Pod/shop/web',
              path: '/spec/containers/0/securityContext/allowPrivilegeEscalation',
              message:
                'Privilege Escalation (restricted): container "app" sets securityContext.allowPrivilegeEscalation=true; expected false',
              observed: 'true',
              expected: 'false',
            },
            {
              messageId: 'violation',
              resource: 'Pod/shop/web',
              path: '/spec/containers/1/securityContext/allowPrivilegeEscalation',
              message:
                'Privilege Escalation (restricted): container "sidecar" does not set securityContext.allowPrivilegeEscalation; expected false',
              observed: 'unset',
            },
          ],
        },
        {
          name: 'Deployment with a ReplicaSet and 3 pods: one finding on the template',
          fixture: 'fail-deployment.yaml',
          findings: [
            {
              messageId: 'violation',
              resource: 'Deployment/shop/api',
              path: '/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation',
              observed: 'unset',
              podCount: 3,
            },
          ],
        },
        {
          name: 'v1.8, the first version with the control',
          fixture: 'fail-deployment.yaml',
          options: { pssVersion: 'v1.8' },
          findings: [
            {
              messageId: 'violation',
              resource: 'Deployment/shop/api',
              path: '/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation',
            },
          ],
        },
        {
          name: 'Windows pods are judged before v1.25',
          yaml: windowsPod,
          options: { pssVersion: 'v1.24' },
          findings: [
            { messageId: 'violation', resource: 'Pod/shop/win', path: '/spec/containers/0/securityContext/allowPrivilegeEscalation' },
          ],
        },
      ],
      unjudgeable: [
        {
          name: 'v1.7: the control does not exist yet',
          fixture: 'fail-pod.yaml',
          options: { pssVersion: 'v1.7' },
          status: 'not-applicable',
        },
      ],
    },
    it,
  );
});

import { describe, it } from '@jest/globals';
import check from '../../checks/pss-capabilities-restricted.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const addsNetRaw = (os = ''): string => `
apiVersion: v1
kind: Pod
metadata: {name: ping, namespace: shop}
spec:${os ? `\n  os: {name: ${os}}` : ''}
  containers:
  - {name: app, image: registry.example.com/app:1.0, securityContext: {capabilities: {add: [NET_RAW]}}}
`;
const windowsPod = `
apiVersion: v1
kind: Pod
metadata: {name: win, namespace: shop}
spec:
  os: {name: windows}
  containers:
  - {name: app, image: mcr.microsoft.com/windows/nanoserver:ltsc2022}
`;
const DROP_PATH = '/spec/template/spec/containers/0/securityContext/capabilities/drop';

describe('pss-capabilities-restricted', () => {
  new CheckTester(check).register(
    {
      pass: [
        'pass-drop-all.yaml',
        {
          name: 'v1.21: no drop ALL needed yet (restricted applies the baseline rule)',
          fixture: 'fail-deployment.yaml',
          options: { pssVersion: 'v1.21' },
        },
        { name: 'Windows pods are exempt from v1.25', yaml: windowsPod, options: { pssVersion: 'v1.25' } },
        { name: 'as upstream, a Windows pod is not judged on capabilities.add at all under restricted', yaml: addsNetRaw('windows') },
      ],
      fail: [
        {
          fixture: 'fail-pod.yaml',
          findings: [
            {
              messageId: 'violation',
              resource: 'Pod/shop/web',
              path: '/spec/containers/0/securityContext/capabilities/drop',
              message:
                'Capabilities (restricted): container "app" sets securityContext.capabilities.drop=["NET_RAW"]; expected a list including "ALL"',
              observed: '["NET_RAW"]',
              expected: 'a list including "ALL"',
            },
            {
              messageId: 'violation',
              resource: 'Pod/shop/web',
              path: '/spec/containers/0/securityContext/capabilities/add/0',
              message:
                'Capabilities (restricted): container "app" sets securityContext.capabilities.add[0]=CHOWN; expected only NET_BIND_SERVICE',
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
              path: DROP_PATH,
              message:
                'Capabilities (restricted): container "app" does not set securityContext.capabilities.drop; expected a list including "ALL"',
              observed: 'unset',
              podCount: 3,
            },
          ],
        },
        {
          name: 'v1.22, the first version of the restricted rule',
          fixture: 'fail-deployment.yaml',
          options: { pssVersion: 'v1.22' },
          findings: [{ messageId: 'violation', resource: 'Deployment/shop/api', path: DROP_PATH }],
        },
        {
          name: 'v1.21: the baseline capabilities rule is what restricted applies',
          yaml: addsNetRaw(),
          options: { pssVersion: 'v1.21' },
          findings: [
            {
              messageId: 'violation',
              resource: 'Pod/shop/ping',
              path: '/spec/containers/0/securityContext/capabilities/add/0',
              message: 'Capabilities (baseline): container "app" sets securityContext.capabilities.add[0]=NET_RAW',
              observed: 'NET_RAW',
            },
          ],
        },
        {
          name: 'Windows pods are judged before v1.25',
          yaml: windowsPod,
          options: { pssVersion: 'v1.24' },
          findings: [{ messageId: 'violation', resource: 'Pod/shop/win', path: '/spec/containers/0/securityContext/capabilities/drop' }],
        },
      ],
    },
    it,
  );
});

import { describe, it } from '@jest/globals';
import check from '../../checks/pss-capabilities-baseline.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const windowsPod = `
apiVersion: v1
kind: Pod
metadata: {name: win, namespace: shop}
spec:
  os: {name: windows}
  containers:
  - {name: app, image: registry.example.com/app:1.0, securityContext: {capabilities: {add: [NET_RAW]}}}
`;
const DEFAULTS =
  'one of AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT';

describe('pss-capabilities-baseline', () => {
  new CheckTester(check).register(
    {
      pass: [
        'pass-default-capabilities.yaml',
        { name: 'default capabilities at v1.0', fixture: 'pass-default-capabilities.yaml', options: { pssVersion: 'v1.0' } },
      ],
      fail: [
        {
          fixture: 'fail-pod.yaml',
          findings: [
            {
              messageId: 'violation',
              resource: 'Pod/shop/web',
              path: '/spec/containers/0/securityContext/capabilities/add/1',
              message: 'Capabilities (baseline): container "app" sets securityContext.capabilities.add[1]=SYS_ADMIN',
              observed: 'SYS_ADMIN',
              expected: DEFAULTS,
            },
            {
              messageId: 'violation',
              resource: 'Pod/shop/web',
              path: '/spec/containers/0/securityContext/capabilities/add/2',
              message: 'Capabilities (baseline): container "app" sets securityContext.capabilities.add[2]=NET_RAW',
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
              path: '/spec/template/spec/containers/0/securityContext/capabilities/add/0',
              observed: 'NET_ADMIN',
              podCount: 3,
            },
          ],
        },
        {
          name: 'baseline has no Windows exemption (unlike the restricted capabilities control)',
          yaml: windowsPod,
          findings: [
            {
              messageId: 'violation',
              resource: 'Pod/shop/win',
              path: '/spec/containers/0/securityContext/capabilities/add/0',
              observed: 'NET_RAW',
            },
          ],
        },
      ],
    },
    it,
  );
});

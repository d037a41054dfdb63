import { describe, it } from '@jest/globals';
import check from '../../checks/container-added-capabilities.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const ptrace = `
apiVersion: v1
kind: Pod
metadata: {name: profiler, namespace: lab}
spec:
  containers:
  - {name: app, image: example.com/app:1, securityContext: {capabilities: {drop: [ALL], add: [SYS_PTRACE]}}}
`;

describe('container-added-capabilities', () => {
  new CheckTester(check).register(
    {
      pass: [
        'pass-drop-all.yaml',
        { name: 'capability allowed by option (any case, CAP_ prefix)', yaml: ptrace, options: { allowed: ['cap_sys_ptrace'] } },
      ],
      fail: [
        {
          fixture: 'fail-capabilities.yaml',
          findings: [
            {
              messageId: 'added',
              resource: 'StatefulSet/data/db',
              path: '/spec/template/spec/initContainers/0/securityContext/capabilities/add/0',
              message: 'init container chown-data of StatefulSet db adds capability CHOWN, which is not allowed',
              observed: 'add: CHOWN',
              expected: 'only NET_BIND_SERVICE added',
            },
            {
              messageId: 'notDroppedAll',
              resource: 'StatefulSet/data/db',
              path: '/spec/template/spec/initContainers/0/securityContext/capabilities/drop',
              message: 'init container chown-data of StatefulSet db does not drop ALL capabilities',
              observed: 'drop: unset',
              expected: 'drop includes ALL',
            },
            {
              messageId: 'added',
              resource: 'StatefulSet/data/db',
              path: '/spec/template/spec/containers/0/securityContext/capabilities/add/1',
              message: 'container db of StatefulSet db adds capability SYS_ADMIN, which is not allowed',
            },
            {
              messageId: 'added',
              resource: 'StatefulSet/data/db',
              path: '/spec/template/spec/containers/0/securityContext/capabilities/add/2',
              observed: 'add: IPC_LOCK',
            },
            {
              messageId: 'notDroppedAll',
              resource: 'StatefulSet/data/db',
              path: '/spec/template/spec/containers/1/securityContext/capabilities/drop',
            },
            {
              messageId: 'added',
              resource: 'Pod/data/db-0-debug',
              path: '/spec/ephemeralContainers/0/securityContext/capabilities/add/0',
              message: 'ephemeral container debugger of Pod db-0-debug adds capability SYS_PTRACE, which is not allowed',
            },
          ],
        },
        {
          name: 'empty allowed list: even NET_BIND_SERVICE is reported',
          yaml: `
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  containers:
  - {name: web, image: nginx:1.27, securityContext: {capabilities: {drop: [NET_RAW], add: [NET_BIND_SERVICE]}}}
`,
          options: { allowed: [] },
          findings: [
            {
              messageId: 'added',
              resource: 'Pod/shop/web',
              path: '/spec/containers/0/securityContext/capabilities/add/0',
              expected: 'no capability added',
            },
            {
              messageId: 'notDroppedAll',
              resource: 'Pod/shop/web',
              path: '/spec/containers/0/securityContext/capabilities/drop',
              observed: 'drop: [NET_RAW]',
            },
          ],
        },
      ],
    },
    it,
  );
});

import { describe, it } from '@jest/globals';
import check from '../../checks/container-net-raw.js';
import { CheckTester } from '../../src/testing/check-tester.js';

describe('container-net-raw', () => {
  new CheckTester(check).register(
    {
      pass: ['pass-dropped.yaml'],
      fail: [
        {
          fixture: 'fail-net-raw.yaml',
          findings: [
            {
              messageId: 'notDropped',
              resource: 'Deployment/shop/api',
              path: '/spec/template/spec/initContainers/0/securityContext/capabilities/drop',
              message: 'init container wait-for-db of Deployment api does not drop NET_RAW',
              observed: 'drop: unset',
              expected: 'drop includes NET_RAW or ALL',
            },
            {
              messageId: 'notDropped',
              resource: 'Deployment/shop/api',
              path: '/spec/template/spec/containers/0/securityContext/capabilities/drop',
              message: 'container api of Deployment api does not drop NET_RAW',
              observed: 'drop: [CHOWN, SETUID]',
            },
            {
              messageId: 'added',
              resource: 'Deployment/shop/api',
              path: '/spec/template/spec/containers/1/securityContext/capabilities/add/0',
              message: 'container proxy of Deployment api adds capability cap_net_raw',
              observed: 'add: cap_net_raw',
            },
            {
              messageId: 'added',
              resource: 'Pod/lab/netdebug',
              path: '/spec/containers/0/securityContext/capabilities/add/1',
              message: 'container tcpdump of Pod netdebug adds capability NET_RAW',
              expected: 'NET_RAW (or ALL) not added',
            },
            {
              messageId: 'privileged',
              resource: 'Pod/lab/netdebug',
              path: '/spec/containers/1/securityContext/privileged',
              message: 'container priv of Pod netdebug is privileged and so holds NET_RAW',
              observed: 'privileged: true',
            },
            {
              messageId: 'notDropped',
              resource: 'Pod/lab/netdebug',
              path: '/spec/ephemeralContainers/0/securityContext/capabilities/drop',
              message: 'ephemeral container debugger of Pod netdebug does not drop NET_RAW',
              observed: 'drop: [CAP_NET_RAW]',
            },
          ],
        },
        {
          name: 'adding ALL adds NET_RAW',
          yaml: `
apiVersion: v1
kind: Pod
metadata: {name: everything, namespace: lab}
spec:
  containers:
  - {name: app, image: busybox:1.36, securityContext: {capabilities: {drop: [ALL], add: [ALL]}}}
`,
          findings: [
            {
              messageId: 'added',
              resource: 'Pod/lab/everything',
              path: '/spec/containers/0/securityContext/capabilities/add/0',
              observed: 'add: ALL',
            },
          ],
        },
      ],
    },
    it,
  );
});

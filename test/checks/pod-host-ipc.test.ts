import { describe, it } from '@jest/globals';
import check from '../../checks/pod-host-ipc.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const pass = `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: cache, namespace: shop}
spec:
  serviceName: cache
  selector: {matchLabels: {app: cache}}
  template:
    metadata: {labels: {app: cache}}
    spec:
      hostIPC: false
      hostPID: true   # another check's business
      containers:
      - {name: redis, image: redis:7}
`;

const fail = `
apiVersion: v1
kind: Pod
metadata: {name: shm-reader, namespace: lab}
spec:
  hostIPC: true
  containers:
  - {name: reader, image: busybox:1.36}
---
apiVersion: batch/v1
kind: Job
metadata: {name: ipc-bench, namespace: lab}
spec:
  template:
    spec:
      hostIPC: true
      restartPolicy: Never
      containers:
      - {name: bench, image: example.com/bench:1}
`;

describe('pod-host-ipc', () => {
  new CheckTester(check).register(
    {
      pass: [{ name: 'hostIPC false', yaml: pass }],
      fail: [
        {
          name: 'bare pod and job template',
          yaml: fail,
          findings: [
            {
              messageId: 'hostIpc',
              resource: 'Pod/lab/shm-reader',
              path: '/spec/hostIPC',
              message: 'Pod shm-reader sets hostIPC: true',
              observed: 'true',
              expected: 'false or unset',
              podCount: 1,
            },
            {
              messageId: 'hostIpc',
              resource: 'Job/lab/ipc-bench',
              path: '/spec/template/spec/hostIPC',
              message: 'Job ipc-bench sets hostIPC: true',
              podCount: 0,
            },
          ],
        },
      ],
    },
    it,
  );
});

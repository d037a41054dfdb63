import { describe, it } from '@jest/globals';
import check from '../../checks/container-readonly-rootfs.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const statefulSet = `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: postgres, image: 'postgres:17.2'}]
---
apiVersion: v1
kind: Pod
metadata:
  name: db-0
  namespace: shop
  ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: db, controller: true}]
spec:
  containers: [{name: postgres, image: 'postgres:17.2'}]
---
apiVersion: v1
kind: Pod
metadata:
  name: db-1
  namespace: shop
  ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: db, controller: true}]
spec:
  containers: [{name: postgres, image: 'postgres:17.2'}]
`;

describe('container-readonly-rootfs', () => {
  new CheckTester(check).register(
    {
      pass: ['pass-readonly.yaml'],
      fail: [
        {
          fixture: 'fail-writable.yaml',
          findings: [
            {
              messageId: 'writable',
              resource: 'Pod/ops/tools',
              path: '/spec/initContainers/0/securityContext/readOnlyRootFilesystem',
              message: 'init container fetch does not set securityContext.readOnlyRootFilesystem: true',
              observed: 'unset',
              expected: 'true',
              podCount: 1,
            },
            {
              messageId: 'writable',
              resource: 'Pod/ops/tools',
              path: '/spec/containers/0/securityContext/readOnlyRootFilesystem',
              message: 'container shell does not set securityContext.readOnlyRootFilesystem: true',
              observed: 'false',
            },
            {
              messageId: 'writable',
              resource: 'Pod/ops/tools',
              path: '/spec/containers/1/securityContext/readOnlyRootFilesystem',
              observed: 'unset',
            },
            {
              messageId: 'writable',
              resource: 'Pod/ops/tools',
              path: '/spec/ephemeralContainers/0/securityContext/readOnlyRootFilesystem',
              message: 'ephemeral container debugger does not set securityContext.readOnlyRootFilesystem: true',
            },
          ],
        },
        {
          name: 'StatefulSet judged once through its template, with its pods counted',
          yaml: statefulSet,
          findings: [
            {
              messageId: 'writable',
              resource: 'StatefulSet/shop/db',
              path: '/spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem',
              podCount: 2,
            },
          ],
        },
      ],
    },
    it,
  );
});

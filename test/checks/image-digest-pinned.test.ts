import { describe, it } from '@jest/globals';
import check from '../../checks/image-digest-pinned.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const T = '/spec/template/spec';

const deployment = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: 'nginx:1.27.3'}]
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web-1
  namespace: shop
  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, controller: true}]
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: 'nginx:1.27.3'}]
---
apiVersion: v1
kind: Pod
metadata:
  name: web-1-a
  namespace: shop
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-1, controller: true}]
spec:
  containers: [{name: web, image: 'nginx:1.27.3'}]
`;

describe('image-digest-pinned', () => {
  new CheckTester(check).register(
    {
      pass: ['pass-digests.yaml'],
      fail: [
        {
          fixture: 'fail-tags.yaml',
          findings: [
            {
              messageId: 'notPinned',
              resource: 'DaemonSet/monitoring/agent',
              path: `${T}/initContainers/0/image`,
              message: 'init container setup image registry:5000/setup is not pinned by a digest',
              observed: 'image: registry:5000/setup',
              expected: 'a reference with a digest (name[:tag]@sha256:<64 hex>)',
              podCount: 0,
            },
            {
              messageId: 'notPinned',
              resource: 'DaemonSet/monitoring/agent',
              path: `${T}/containers/0/image`,
              message: 'container agent image registry.example.com/agent:1.8.0 is not pinned by a digest',
            },
            {
              messageId: 'notPinned',
              resource: 'DaemonSet/monitoring/agent',
              path: `${T}/containers/1/image`,
              observed: 'image: docker.io/library/nginx:1.27.3',
            },
            {
              messageId: 'notPinned',
              resource: 'DaemonSet/monitoring/agent',
              path: `${T}/containers/2/image`,
              observed: 'image: registry:5000/app:1.0@sha256:4c0fdaa8 (malformed digest)',
            },
          ],
        },
        {
          name: 'Deployment with a ReplicaSet-owned pod',
          yaml: deployment,
          findings: [{ messageId: 'notPinned', resource: 'Deployment/shop/web', path: `${T}/containers/0/image`, podCount: 1 }],
        },
      ],
    },
    it,
  );
});

import { describe, expect, it } from '@jest/globals';
import check from '../../checks/image-tag-latest.js';
import { parseImageRef } from '../../checks/_shared/image-ref.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const D = 'sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac';
const C = '/spec/containers';

const deployment = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: web, image: nginx}
      - {name: exporter, image: 'nginx/nginx-prometheus-exporter:1.4.0'}
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web-6b7f
  namespace: shop
  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, controller: true}]
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: web, image: nginx}
      - {name: exporter, image: 'nginx/nginx-prometheus-exporter:1.4.0'}
---
apiVersion: v1
kind: Pod
metadata:
  name: web-6b7f-1
  namespace: shop
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-6b7f, controller: true}]
spec:
  containers: [{name: web, image: nginx}]
---
apiVersion: v1
kind: Pod
metadata:
  name: web-6b7f-2
  namespace: shop
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-6b7f, controller: true}]
spec:
  containers: [{name: web, image: nginx}]
`;

describe('image-tag-latest', () => {
  new CheckTester(check).register(
    {
      pass: [
        'pass-pinned-and-tagged.yaml',
        {
          name: 'a container without an image is not judged',
          yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: x, namespace: a}\nspec:\n  containers: [{name: x}]\n',
        },
      ],
      fail: [
        {
          fixture: 'fail-unpinned.yaml',
          findings: [
            {
              messageId: 'latestTag',
              resource: 'Pod/ops/tools',
              path: '/spec/initContainers/0/image',
              message: 'init container init uses image busybox:latest with the tag latest',
              observed: 'image: busybox:latest',
              expected: 'a version tag or a digest (@sha256:...)',
              podCount: 1,
            },
            {
              messageId: 'noTag',
              resource: 'Pod/ops/tools',
              path: `${C}/0/image`,
              message: 'container hub-short uses image nginx without a tag, which pulls latest',
              observed: 'image: nginx',
            },
            {
              messageId: 'latestTag',
              resource: 'Pod/ops/tools',
              path: `${C}/1/image`,
              message: 'container hub-latest uses image nginx:latest with the tag latest',
            },
            {
              messageId: 'noTag',
              resource: 'Pod/ops/tools',
              path: `${C}/2/image`,
              message: 'container port-no-tag uses image registry:5000/app without a tag, which pulls latest',
            },
            { messageId: 'noTag', resource: 'Pod/ops/tools', path: `${C}/3/image`, observed: 'image: docker.io/library/nginx' },
            { messageId: 'latestTag', resource: 'Pod/ops/tools', path: `${C}/4/image` },
            {
              messageId: 'noTag',
              resource: 'Pod/ops/tools',
              path: `${C}/5/image`,
              message: 'container localhost uses image localhost:5000/team/app without a tag, which pulls latest',
            },
            {
              messageId: 'noTag',
              resource: 'Pod/ops/tools',
              path: `${C}/6/image`,
              message: 'container bad-digest uses image app@sha256:abc without a tag, which pulls latest',
            },
            {
              messageId: 'latestTag',
              resource: 'Pod/ops/tools',
              path: '/spec/ephemeralContainers/0/image',
              message: 'ephemeral container debugger uses image ghcr.io/org/debug:latest with the tag latest',
            },
          ],
        },
        {
          name: 'Deployment with ReplicaSet-owned pods',
          yaml: deployment,
          findings: [
            {
              messageId: 'noTag',
              resource: 'Deployment/shop/web',
              path: '/spec/template/spec/containers/0/image',
              message: 'container web uses image nginx without a tag, which pulls latest',
              podCount: 2,
            },
          ],
        },
      ],
    },
    it,
  );
});

describe('parseImageRef', () => {
  const cases: [string, ReturnType<typeof parseImageRef>][] = [
    ['nginx', { raw: 'nginx', registry: 'docker.io', repository: 'library/nginx' }],
    ['nginx:1.27', { raw: 'nginx:1.27', registry: 'docker.io', repository: 'library/nginx', tag: '1.27' }],
    ['docker.io/library/nginx', { raw: 'docker.io/library/nginx', registry: 'docker.io', repository: 'library/nginx' }],
    ['docker.io/nginx:latest', { raw: 'docker.io/nginx:latest', registry: 'docker.io', repository: 'library/nginx', tag: 'latest' }],
    [
      'index.docker.io/bitnami/redis:7',
      { raw: 'index.docker.io/bitnami/redis:7', registry: 'docker.io', repository: 'bitnami/redis', tag: '7' },
    ],
    ['bitnami/redis', { raw: 'bitnami/redis', registry: 'docker.io', repository: 'bitnami/redis' }],
    ['registry:5000/app', { raw: 'registry:5000/app', registry: 'registry:5000', repository: 'app' }],
    ['registry:5000/app:1.0', { raw: 'registry:5000/app:1.0', registry: 'registry:5000', repository: 'app', tag: '1.0' }],
    ['localhost/app', { raw: 'localhost/app', registry: 'localhost', repository: 'app' }],
    ['Registry/app', { raw: 'Registry/app', registry: 'Registry', repository: 'app' }],
    ['gcr.io/project/team/app:v2', { raw: 'gcr.io/project/team/app:v2', registry: 'gcr.io', repository: 'project/team/app', tag: 'v2' }],
    [`app@${D}`, { raw: `app@${D}`, registry: 'docker.io', repository: 'library/app', digest: D }],
    [
      `registry:5000/app:1.0@${D}`,
      { raw: `registry:5000/app:1.0@${D}`, registry: 'registry:5000', repository: 'app', tag: '1.0', digest: D },
    ],
    ['app@sha256:abc', { raw: 'app@sha256:abc', registry: 'docker.io', repository: 'library/app', malformedDigest: 'sha256:abc' }],
    [
      `app@sha256:${'A'.repeat(64)}`,
      {
        raw: `app@sha256:${'A'.repeat(64)}`,
        registry: 'docker.io',
        repository: 'library/app',
        malformedDigest: `sha256:${'A'.repeat(64)}`,
      },
    ],
    [' nginx:1 ', { raw: 'nginx:1', registry: 'docker.io', repository: 'library/nginx', tag: '1' }],
  ];
  it.each(cases)('parses %s', (image, want) => {
    expect(parseImageRef(image)).toEqual(want);
  });
  it('returns undefined for a missing or empty image', () => {
    expect(parseImageRef(undefined)).toBeUndefined();
    expect(parseImageRef('  ')).toBeUndefined();
  });
});

import { describe, it } from '@jest/globals';
import check from '../../checks/image-mutable-tag-pull-policy.js';
import { deployment } from './hardening-yaml.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const deploy = (name: string, containers: string) => deployment('shop', name, containers);

describe('image-mutable-tag-pull-policy', () => {
  new CheckTester(check).register(
    {
      pass: [
        deploy(
          'a',
          '[{name: a, image: "nginx:1.27", imagePullPolicy: Always}, {name: b, image: "nginx@sha256:' +
            'a'.repeat(64) +
            '"}, {name: c, image: "nginx:latest"}]',
        ),
      ].map((yaml) => ({ yaml })),
      fail: [
        {
          yaml: deploy(
            'web',
            '[{name: web, image: "registry.example.com/web:2.1"}, {name: side, image: "busybox:1.36", imagePullPolicy: Never}]',
          ),
          findings: [
            // Unset in the manifest: defaulted from the tag as the API server stores it (src/offline/defaults.ts).
            {
              messageId: 'notAlways',
              resource: 'Deployment/shop/web',
              path: '/spec/template/spec/containers/0/imagePullPolicy',
              message: 'container web runs the mutable tag registry.example.com/web:2.1 with imagePullPolicy IfNotPresent',
              observed: 'imagePullPolicy: IfNotPresent',
            },
            {
              messageId: 'notAlways',
              resource: 'Deployment/shop/web',
              path: '/spec/template/spec/containers/1/imagePullPolicy',
              observed: 'imagePullPolicy: Never',
            },
          ],
        },
      ],
    },
    it,
  );
});

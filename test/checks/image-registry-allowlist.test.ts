import { describe, it } from '@jest/globals';
import check from '../../checks/image-registry-allowlist.js';
import { deployment } from './hardening-yaml.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const deploy = (name: string, containers: string) => deployment('shop', name, containers);

describe('image-registry-allowlist', () => {
  const two =
    deploy('web', '[{name: web, image: "registry.example.com/team/web:2.1"}, {name: side, image: "busybox:1.36"}]') +
    deploy('db', '[{name: db, image: "quay.io/x/db:1"}]');
  new CheckTester(check).register(
    {
      pass: [
        {
          name: 'every registry allowed (host, host/path)',
          yaml: two,
          options: { allowedRegistries: ['registry.example.com/team', 'docker.io', 'quay.io/x'] },
        },
      ],
      fail: [
        {
          name: 'Docker Hub and quay.io outside the list',
          yaml: two,
          options: { allowedRegistries: ['registry.example.com'] },
          findings: [
            {
              messageId: 'outside',
              resource: 'Deployment/shop/web',
              path: '/spec/template/spec/containers/1/image',
              message: 'container side uses image busybox:1.36 from docker.io, which is not an allowed registry',
              observed: 'registry docker.io',
              expected: 'one of registry.example.com',
            },
            { messageId: 'outside', resource: 'Deployment/shop/db', path: '/spec/template/spec/containers/0/image' },
          ],
        },
      ],
      unjudgeable: [
        {
          name: 'no list: manual, with the registries in use',
          yaml: two,
          status: 'manual',
          reason:
            'no allowedRegistries option set; registries in use: docker.io (1 container), quay.io (1 container), registry.example.com (1 container)',
        },
      ],
    },
    it,
  );
});

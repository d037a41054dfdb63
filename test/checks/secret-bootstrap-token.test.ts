import { describe, it } from '@jest/globals';
import check from '../../checks/secret-bootstrap-token.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const secret = (name: string, namespace: string, type?: string): string =>
  `---\napiVersion: v1\nkind: Secret\nmetadata: {name: ${name}, namespace: ${namespace}}\n${type ? `type: ${type}\n` : ''}`;

describe('secret-bootstrap-token', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'no bootstrap token', yaml: secret('db', 'shop', 'Opaque') },
        {
          name: 'a look-alike outside kube-system (the API server ignores it)',
          yaml: secret('bootstrap-token-abcdef', 'shop', 'bootstrap.kubernetes.io/token'),
        },
      ],
      fail: [
        {
          name: 'a token by its type, and one known by its name only (metadata-only read)',
          yaml:
            secret('bootstrap-token-07401b', 'kube-system', 'bootstrap.kubernetes.io/token') +
            secret('bootstrap-token-9z8y7x', 'kube-system'),
          findings: [
            {
              messageId: 'token',
              resource: 'Secret/kube-system/bootstrap-token-07401b',
              path: '/metadata/name',
              message: 'Secret bootstrap-token-07401b in kube-system is a bootstrap token: it authenticates as system:bootstrap:07401b',
              observed: 'bootstrap-token-07401b',
            },
            { messageId: 'token', resource: 'Secret/kube-system/bootstrap-token-9z8y7x', path: '/metadata/name' },
          ],
        },
      ],
      unjudgeable: [
        {
          name: 'kube-system outside the scanned namespaces (-n shop): its Secrets were not read',
          yaml: secret('db', 'shop', 'Opaque'),
          inventory: (inv) => {
            inv.source.namespaces = ['shop'];
          },
          status: 'not-assessed',
        },
      ],
    },
    it,
  );
});

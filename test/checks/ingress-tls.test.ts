import { describe, it } from '@jest/globals';
import ingressTls from '../../checks/ingress-tls.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { ingress, rule } from '../support/exposure-cases.js';

describe('ingress-tls', () => {
  new CheckTester(ingressTls).register(
    {
      pass: [
        {
          name: 'every host covered, wildcard for one label',
          yaml: ingress(
            'ok',
            `{tls: [{hosts: [shop.example.com, '*.api.example.com'], secretName: t}], rules: [${rule('shop.example.com')}, ${rule('v1.api.example.com')}]}`,
          ),
        },
      ],
      fail: [
        {
          name: 'no tls; a host not listed; a wildcard does not cover two labels',
          yaml: `${ingress('plain', `{rules: [${rule('shop.example.com')}]}`)}${ingress('partial', `{tls: [{hosts: ['*.example.com']}], rules: [${rule('a.example.com')}, ${rule('a.b.example.com')}, ${rule('other.test')}]}`)}`,
          findings: [
            {
              messageId: 'noTls',
              resource: 'Ingress/shop/plain',
              path: '/spec/tls',
              message: 'Ingress plain serves shop.example.com without TLS',
            },
            {
              messageId: 'uncovered',
              resource: 'Ingress/shop/partial',
              path: '/spec/rules/1/host',
              message: 'Ingress partial serves host a.b.example.com without TLS (no tls entry lists it)',
            },
            { messageId: 'uncovered', resource: 'Ingress/shop/partial', path: '/spec/rules/2/host', observed: 'tls hosts: *.example.com' },
          ],
        },
      ],
    },
    it,
  );
});

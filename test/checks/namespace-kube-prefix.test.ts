import { describe, it } from '@jest/globals';
import check from '../../checks/namespace-kube-prefix.js';
import { namespace } from './hardening-yaml.js';
import { CheckTester } from '../../src/testing/check-tester.js';

describe('namespace-kube-prefix', () => {
  const ns = (name: string) => namespace(name);
  new CheckTester(check).register(
    {
      pass: [{ yaml: ns('kube-system') + ns('kube-public') + ns('kube-node-lease') + ns('shop') + ns('my-kube-tools') }],
      fail: [
        {
          yaml: ns('kube-tools') + ns('shop'),
          findings: [
            {
              messageId: 'reserved',
              resource: 'Namespace/kube-tools',
              path: '/metadata/name',
              message: 'Namespace kube-tools uses the reserved kube- prefix',
            },
          ],
        },
      ],
    },
    it,
  );
});

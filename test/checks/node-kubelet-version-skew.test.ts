import { describe, it } from '@jest/globals';
import check from '../../checks/node-kubelet-version-skew.js';
import type { Inventory } from '../../src/core/inventory.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const node = (name: string, kubelet?: string) => `apiVersion: v1
kind: Node
metadata: {name: ${name}}
${kubelet ? `status: {nodeInfo: {kubeletVersion: ${kubelet}, osImage: Ubuntu}}` : ''}
---
`;
const apiserver = (minor: string) => (inv: Inventory) => (inv.version = { major: '1', minor, gitVersion: `v1.${minor}.2` });

describe('node-kubelet-version-skew', () => {
  new CheckTester(check).register(
    {
      pass: [
        {
          name: 'kubelets equal to or three minors behind 1.33',
          yaml: node('a', 'v1.33.2') + node('b', 'v1.30.9'),
          inventory: apiserver('33'),
        },
        { name: 'a node without a reported version is not judged', yaml: node('a', 'v1.33.2') + node('b'), inventory: apiserver('33') },
      ],
      fail: [
        {
          name: 'four minors behind, and one newer',
          yaml: node('old', 'v1.29.4') + node('new', 'v1.34.0') + node('ok', 'v1.33.1'),
          inventory: apiserver('33'),
          findings: [
            {
              messageId: 'tooOld',
              resource: 'Node/old',
              path: '/status/nodeInfo/kubeletVersion',
              message: 'Node old runs kubelet v1.29.4, 4 minors behind kube-apiserver v1.33.2 (at most 3 allowed)',
              observed: 'v1.29.4',
              expected: '1.30 to 1.33',
            },
            {
              messageId: 'newer',
              resource: 'Node/new',
              path: '/status/nodeInfo/kubeletVersion',
              message: 'Node new runs kubelet v1.34.0, newer than kube-apiserver v1.33.2',
            },
          ],
        },
        {
          name: 'before 1.28 the skew was two minors',
          yaml: node('old', 'v1.24.0'),
          inventory: apiserver('27'),
          findings: [{ messageId: 'tooOld', resource: 'Node/old', path: '/status/nodeInfo/kubeletVersion', expected: '1.25 to 1.27' }],
        },
      ],
      unjudgeable: [
        {
          name: 'nodes without nodeInfo (manifests)',
          yaml: node('a'),
          inventory: apiserver('33'),
          status: 'not-assessed',
          reason: 'no node reports its kubelet version (status.nodeInfo)',
        },
        { name: 'no server version', yaml: node('a', 'v1.33.0'), status: 'not-assessed' },
      ],
    },
    it,
  );
});

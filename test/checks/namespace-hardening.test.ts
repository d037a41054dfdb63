import { describe, it } from '@jest/globals';
import quota from '../../checks/namespace-resource-quota.js';
import prefix from '../../checks/namespace-kube-prefix.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const deploy = (namespace: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: app, namespace: ${namespace}}
spec:
  selector: {matchLabels: {app: app}}
  template:
    metadata: {labels: {app: app}}
    spec: {containers: [{name: app, image: 'app:1'}]}
---
`;
const rq = (namespace: string) => `apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: q, namespace: ${namespace}}\nspec: {hard: {pods: '50'}}\n---\n`;
const lr = (namespace: string) => `apiVersion: v1\nkind: LimitRange\nmetadata: {name: l, namespace: ${namespace}}\nspec: {limits: [{type: Container, default: {memory: 256Mi}}]}\n---\n`;

describe('namespace-resource-quota', () => {
  new CheckTester(quota).register(
    {
      pass: [
        { name: 'quota and limit range', yaml: deploy('shop') + rq('shop') + lr('shop') },
        { name: 'system namespaces are not judged', yaml: deploy('kube-system') },
      ],
      fail: [
        {
          yaml: deploy('shop') + rq('shop') + deploy('batch') + lr('batch') + deploy('legacy'),
          findings: [
            { messageId: 'noLimitRange', resource: 'Namespace/shop', message: 'Namespace shop runs workloads without a LimitRange' },
            { messageId: 'noQuota', resource: 'Namespace/batch', message: 'Namespace batch runs workloads without a ResourceQuota' },
            { messageId: 'noQuota', resource: 'Namespace/legacy' },
            { messageId: 'noLimitRange', resource: 'Namespace/legacy' },
          ],
        },
      ],
      unjudgeable: [{ name: 'quotas forbidden', yaml: deploy('shop'), inventory: (inv) => inv.coverage.push({ key: 'resourceQuotas', kind: 'ResourceQuota', namespace: 'shop', status: 403, reason: 'Forbidden' }), status: 'not-assessed' }],
    },
    it,
  );
});

describe('namespace-kube-prefix', () => {
  const ns = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}}\n---\n`;
  new CheckTester(prefix).register(
    {
      pass: [{ yaml: ns('kube-system') + ns('kube-public') + ns('kube-node-lease') + ns('shop') + ns('my-kube-tools') }],
      fail: [{ yaml: ns('kube-tools') + ns('shop'), findings: [{ messageId: 'reserved', resource: 'Namespace/kube-tools', path: '/metadata/name', message: 'Namespace kube-tools uses the reserved kube- prefix' }] }],
    },
    it,
  );
});

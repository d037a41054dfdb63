import { describe, it } from '@jest/globals';
import check from '../../checks/namespace-resource-quota.js';
import { deployment } from './hardening-yaml.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const deploy = (ns: string) => deployment(ns, 'app');
const rq = (namespace: string) =>
  `apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: q, namespace: ${namespace}}\nspec: {hard: {pods: '50'}}\n---\n`;
const lr = (namespace: string) =>
  `apiVersion: v1\nkind: LimitRange\nmetadata: {name: l, namespace: ${namespace}}\nspec: {limits: [{type: Container, default: {memory: 256Mi}}]}\n---\n`;

describe('namespace-resource-quota', () => {
  new CheckTester(check).register(
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
      unjudgeable: [
        {
          name: 'quotas forbidden',
          yaml: deploy('shop'),
          inventory: (inv) =>
            inv.coverage.push({ key: 'resourceQuotas', kind: 'ResourceQuota', namespace: 'shop', status: 403, reason: 'Forbidden' }),
          status: 'not-assessed',
        },
      ],
    },
    it,
  );
});

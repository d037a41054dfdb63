import { describe, expect, it } from '@jest/globals';
import weak from '../../checks/exposure-baseline-failing.js';
import { isUnjudgeable } from '../../src/core/check.js';
import { inventoryFromManifests } from '../../src/offline/manifests.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { accountWith, ADMIN_RULES, deploymentAs, ingress, rule, service, workloads } from '../support/exposure-cases.js';

// tools (privileged, shop/default) and ops (privileged, shop/admin: every verb on every resource), behind one NodePort
// Service and an Ingress; admin-ui runs as shop/admin too but passes the baseline (rbac-workload-identity's finding).
const powerful = `${workloads}${accountWith('admin', ADMIN_RULES)}${deploymentAs('ops', 'admin', '{privileged: true}')}${deploymentAs('admin-ui', 'admin')}${service('front', '{type: NodePort, selector: {tier: front}}')}${service('ops', '{selector: {app: ops}}')}${ingress('ops', `{rules: [${rule('ops.example', 'ops')}]}`)}`;

describe('exposure-baseline-failing', () => {
  new CheckTester(weak).register(
    {
      pass: [
        {
          name: 'exposed workloads pass the baseline; the privileged one is internal',
          yaml: `${workloads}${service('lb', '{type: LoadBalancer, selector: {app: web}}')}${service('tools', '{selector: {app: tools}}')}`,
        },
      ],
      fail: [
        {
          name: 'through a NodePort Service and through an Ingress',
          yaml: `${workloads}${service('front', '{type: NodePort, selector: {tier: front}}')}${service('tools', '{selector: {app: tools}}')}${ingress('admin', `{tls: [{hosts: [a.example]}], rules: [${rule('a.example', 'tools')}]}`)}`,
          findings: [
            {
              messageId: 'weakWorkload',
              resource: 'Service/shop/front',
              message: 'Service front (NodePort) exposes Deployment tools, which fails pss-baseline: privileged',
            },
            {
              messageId: 'weakWorkload',
              resource: 'Ingress/shop/admin',
              message: 'Ingress admin (via Service tools) exposes Deployment tools, which fails pss-baseline: privileged',
            },
          ],
        },
        {
          name: 'RBAC unreadable: the verdict stands (it only ranks and words the findings)',
          yaml: `${workloads}${service('front', '{type: NodePort, selector: {tier: front}}')}`,
          inventory: (inv) =>
            inv.coverage.push({ key: 'clusterRoleBindings', kind: 'ClusterRoleBinding', status: 403, reason: 'Forbidden' }),
          findings: [
            {
              messageId: 'weakWorkload',
              resource: 'Service/shop/front',
              message: 'Service front (NodePort) exposes Deployment tools, which fails pss-baseline: privileged',
            },
          ],
        },
        {
          name: 'a failing workload with a powerful service account is named with its account',
          yaml: powerful,
          findings: [
            {
              messageId: 'weakWorkload',
              resource: 'Service/shop/front',
              message:
                'Service front (NodePort) exposes Deployment ops, which fails pss-baseline: privileged, and runs as cluster-admin-equivalent ServiceAccount shop/admin',
              observed:
                'Deployment ops fails privileged; 1. ServiceAccount shop/admin holds every verb on every resource cluster-wide → cluster-admin [ClusterRoleBinding admin-binding → ClusterRole admin-role: * on *.*]',
            },
            {
              messageId: 'weakWorkload',
              resource: 'Ingress/shop/ops',
              message:
                'Ingress ops (via Service ops) exposes Deployment ops, which fails pss-baseline: privileged, and runs as cluster-admin-equivalent ServiceAccount shop/admin',
            },
            {
              messageId: 'weakWorkload',
              resource: 'Service/shop/front',
              message: 'Service front (NodePort) exposes Deployment tools, which fails pss-baseline: privileged',
              observed: 'Deployment tools fails privileged',
            },
          ],
        },
      ],
    },
    it,
  );

  it('ranks its findings across entry points (meta.ordered keeps it): the workload with the powerful account first', () => {
    expect(weak.meta.ordered).toBe(true);
    const { inventory } = inventoryFromManifests([{ name: 'powerful', text: powerful }]);
    const selected = weak.select(inventory, {});
    if (isUnjudgeable(selected)) throw new Error('not judged');
    expect([...selected].map((s) => `${s.object.kind}/${s.object.metadata.name} ${s.workload.subject.object.metadata.name}`)).toEqual([
      'Ingress/ops ops',
      'Service/front ops',
      'Service/front tools',
    ]);
  });
});

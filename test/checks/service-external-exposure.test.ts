import { describe, expect, it } from '@jest/globals';
import exposure from '../../checks/service-external-exposure.js';
import { isUnjudgeable } from '../../src/core/check.js';
import { inventoryFromManifests } from '../../src/offline/manifests.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { accountWith, ADMIN_RULES, deploymentAs, SECRET_READER_RULES, service, workloads } from '../support/exposure-cases.js';

// web (plain) and tools (privileged) run as shop/default; admin-ui as shop/admin (every verb on every resource),
// reports as shop/reader (reads Secrets in every namespace), quiet as shop/admin without its token.
const powerful = `${workloads}${accountWith('admin', ADMIN_RULES)}${accountWith('reader', SECRET_READER_RULES)}${deploymentAs('admin-ui', 'admin')}${deploymentAs('reports', 'reader')}${deploymentAs('quiet', 'admin', '{}', 'false')}`;
const powerfulServices = `${powerful}${service('lb', '{type: LoadBalancer, selector: {app: web}}')}${service('reports', '{type: LoadBalancer, selector: {app: reports}}')}${service('admin', '{type: NodePort, selector: {app: admin-ui}}')}${service('front', '{type: NodePort, selector: {tier: front}}')}`;

describe('service-external-exposure', () => {
  new CheckTester(exposure).register(
    {
      pass: [{ name: 'ClusterIP Services only', yaml: `${workloads}${service('web', '{selector: {app: web}, ports: [{port: 80}]}')}` }],
      fail: [
        {
          name: 'NodePort, LoadBalancer and externalIPs; failing-baseline workloads first',
          yaml: `${workloads}${service('front', '{type: NodePort, selector: {tier: front}, ports: [{port: 80}]}')}${service('lb', '{type: LoadBalancer, selector: {app: web}, ports: [{port: 443}]}')}${service('ext', '{externalIPs: [203.0.113.7], selector: {app: none}, ports: [{port: 80}]}')}`,
          findings: [
            {
              messageId: 'exposed',
              resource: 'Service/shop/front',
              path: '/spec/type',
              message: 'Service front (NodePort) exposes Deployment tools (fails pss-baseline: privileged), Deployment web',
              observed: 'NodePort; 2 workloads behind it, 1 failing pss-baseline, 0 with a powerful service account',
            },
            {
              messageId: 'exposed',
              resource: 'Service/shop/lb',
              path: '/spec/type',
              message: 'Service lb (LoadBalancer) exposes Deployment web',
            },
            {
              messageId: 'exposed',
              resource: 'Service/shop/ext',
              path: '/spec/externalIPs',
              message: 'Service ext (externalIPs 203.0.113.7) exposes no workload (the selector matches no pod template)',
            },
          ],
        },
        {
          name: 'workloads with a powerful service account come after the failing-baseline ones and before the plain ones, the most powerful first',
          yaml: powerfulServices,
          findings: [
            {
              messageId: 'exposed',
              resource: 'Service/shop/front',
              path: '/spec/type',
              message:
                'Service front (NodePort) exposes Deployment tools (fails pss-baseline: privileged), ' +
                'Deployment admin-ui (runs as cluster-admin-equivalent ServiceAccount shop/admin), ' +
                'Deployment reports (runs as ServiceAccount shop/reader, which reads Secrets in every namespace), Deployment quiet, Deployment web',
              observed: 'NodePort; 5 workloads behind it, 1 failing pss-baseline, 2 with a powerful service account',
            },
            {
              messageId: 'exposed',
              resource: 'Service/shop/admin',
              path: '/spec/type',
              message: 'Service admin (NodePort) exposes Deployment admin-ui (runs as cluster-admin-equivalent ServiceAccount shop/admin)',
            },
            {
              messageId: 'exposed',
              resource: 'Service/shop/reports',
              path: '/spec/type',
              message:
                'Service reports (LoadBalancer) exposes Deployment reports (runs as ServiceAccount shop/reader, which reads Secrets in every namespace)',
            },
            {
              messageId: 'exposed',
              resource: 'Service/shop/lb',
              path: '/spec/type',
              message: 'Service lb (LoadBalancer) exposes Deployment web',
            },
          ],
        },
      ],
    },
    it,
  );

  it('ranks the Services by their most urgent workload (meta.ordered keeps it): failing baseline, then cluster-admin, then Secrets, then plain', () => {
    expect(exposure.meta.ordered).toBe(true);
    const { inventory } = inventoryFromManifests([{ name: 'powerful', text: powerfulServices }]);
    const selected = exposure.select(inventory, {});
    if (isUnjudgeable(selected)) throw new Error('not judged');
    expect([...selected].map((s) => s.object.metadata.name)).toEqual(['front', 'admin', 'reports', 'lb']);
  });
});

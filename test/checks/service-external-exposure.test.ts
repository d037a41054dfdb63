import { describe, it } from '@jest/globals';
import exposure from '../../checks/service-external-exposure.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { service, workloads } from '../support/exposure-cases.js';

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
              observed: 'NodePort; 2 workloads behind it, 1 failing pss-baseline',
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
      ],
    },
    it,
  );
});

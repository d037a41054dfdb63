import { describe, it } from '@jest/globals';
import weak from '../../checks/exposure-baseline-failing.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { ingress, rule, service, workloads } from '../support/exposure-cases.js';

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
      ],
    },
    it,
  );
});

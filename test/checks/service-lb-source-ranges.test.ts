import { describe, it } from '@jest/globals';
import sourceRanges from '../../checks/service-lb-source-ranges.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { service } from '../support/exposure-cases.js';

describe('service-lb-source-ranges', () => {
  new CheckTester(sourceRanges).register(
    {
      pass: [
        {
          name: 'source ranges',
          yaml: service('lb', '{type: LoadBalancer, loadBalancerSourceRanges: [10.0.0.0/8], ports: [{port: 443}]}'),
        },
        {
          name: 'internal load balancers by annotation',
          yaml: `${service('aws', '{type: LoadBalancer}', '{service.beta.kubernetes.io/aws-load-balancer-scheme: internal}')}${service('gke', '{type: LoadBalancer}', '{networking.gke.io/load-balancer-type: Internal}')}${service('azure', '{type: LoadBalancer}', "{service.beta.kubernetes.io/azure-load-balancer-internal: 'true'}")}`,
        },
        { name: 'NodePort is another check', yaml: service('np', '{type: NodePort}') },
      ],
      fail: [
        {
          name: 'no ranges, and 0.0.0.0/0',
          yaml: `${service('open', '{type: LoadBalancer, ports: [{port: 5432}]}')}${service('world', '{type: LoadBalancer, loadBalancerSourceRanges: [10.0.0.0/8, 0.0.0.0/0]}')}${service('public', '{type: LoadBalancer}', "{service.beta.kubernetes.io/azure-load-balancer-internal: 'false'}")}`,
          findings: [
            {
              messageId: 'open',
              resource: 'Service/shop/open',
              path: '/spec/loadBalancerSourceRanges',
              message: 'LoadBalancer Service open accepts connections from any address',
              observed: 'no loadBalancerSourceRanges and no internal or source-range annotation',
            },
            {
              messageId: 'open',
              resource: 'Service/shop/world',
              path: '/spec/loadBalancerSourceRanges',
              observed: 'loadBalancerSourceRanges 10.0.0.0/8, 0.0.0.0/0',
            },
            { messageId: 'open', resource: 'Service/shop/public', path: '/spec/loadBalancerSourceRanges' },
          ],
        },
      ],
    },
    it,
  );
});

import { describe, it } from '@jest/globals';
import weak from '../../checks/exposure-baseline-failing.js';
import ingressTls from '../../checks/ingress-tls.js';
import exposure from '../../checks/service-external-exposure.js';
import sourceRanges from '../../checks/service-lb-source-ranges.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const deployment = (name: string, securityContext = '{}') => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: shop}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}, tier: front}}
    spec: {containers: [{name: c, image: example.com/${name}:1, securityContext: ${securityContext}}]}
`;
const service = (name: string, spec: string, annotations = '{}') => `---
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: shop, annotations: ${annotations}}
spec: ${spec}
`;
const workloads = `${deployment('web')}${deployment('tools', '{privileged: true}')}`;

describe('service-external-exposure', () => {
  new CheckTester(exposure).register(
    {
      pass: [{ name: 'ClusterIP Services only', yaml: `${workloads}${service('web', '{selector: {app: web}, ports: [{port: 80}]}')}` }],
      fail: [
        {
          name: 'NodePort, LoadBalancer and externalIPs; failing-baseline workloads first',
          yaml: `${workloads}${service('front', '{type: NodePort, selector: {tier: front}, ports: [{port: 80}]}')}${service('lb', '{type: LoadBalancer, selector: {app: web}, ports: [{port: 443}]}')}${service('ext', '{externalIPs: [203.0.113.7], selector: {app: none}, ports: [{port: 80}]}')}`,
          findings: [
            { messageId: 'exposed', resource: 'Service/shop/front', path: '/spec/type', message: 'Service front (NodePort) exposes Deployment tools (fails pss-baseline: privileged), Deployment web', observed: 'NodePort; 2 workloads behind it, 1 failing pss-baseline' },
            { messageId: 'exposed', resource: 'Service/shop/lb', path: '/spec/type', message: 'Service lb (LoadBalancer) exposes Deployment web' },
            { messageId: 'exposed', resource: 'Service/shop/ext', path: '/spec/externalIPs', message: 'Service ext (externalIPs 203.0.113.7) exposes no workload (the selector matches no pod template)' },
          ],
        },
      ],
    },
    it,
  );
});

describe('service-lb-source-ranges', () => {
  new CheckTester(sourceRanges).register(
    {
      pass: [
        { name: 'source ranges', yaml: service('lb', '{type: LoadBalancer, loadBalancerSourceRanges: [10.0.0.0/8], ports: [{port: 443}]}') },
        { name: 'internal load balancers by annotation', yaml: `${service('aws', '{type: LoadBalancer}', '{service.beta.kubernetes.io/aws-load-balancer-scheme: internal}')}${service('gke', '{type: LoadBalancer}', '{networking.gke.io/load-balancer-type: Internal}')}${service('azure', '{type: LoadBalancer}', "{service.beta.kubernetes.io/azure-load-balancer-internal: 'true'}")}` },
        { name: 'NodePort is another check', yaml: service('np', '{type: NodePort}') },
      ],
      fail: [
        {
          name: 'no ranges, and 0.0.0.0/0',
          yaml: `${service('open', '{type: LoadBalancer, ports: [{port: 5432}]}')}${service('world', '{type: LoadBalancer, loadBalancerSourceRanges: [10.0.0.0/8, 0.0.0.0/0]}')}${service('public', '{type: LoadBalancer}', "{service.beta.kubernetes.io/azure-load-balancer-internal: 'false'}")}`,
          findings: [
            { messageId: 'open', resource: 'Service/shop/open', path: '/spec/loadBalancerSourceRanges', message: 'LoadBalancer Service open accepts connections from any address', observed: 'no loadBalancerSourceRanges and no internal or source-range annotation' },
            { messageId: 'open', resource: 'Service/shop/world', path: '/spec/loadBalancerSourceRanges', observed: 'loadBalancerSourceRanges 10.0.0.0/8, 0.0.0.0/0' },
            { messageId: 'open', resource: 'Service/shop/public', path: '/spec/loadBalancerSourceRanges' },
          ],
        },
      ],
    },
    it,
  );
});

const ingress = (name: string, spec: string) => `---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: ${name}, namespace: shop}
spec: ${spec}
`;
const rule = (host: string, svc = 'web') => `{host: ${host}, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: ${svc}, port: {number: 80}}}}]}}`;

describe('ingress-tls', () => {
  new CheckTester(ingressTls).register(
    {
      pass: [{ name: 'every host covered, wildcard for one label', yaml: ingress('ok', `{tls: [{hosts: [shop.example.com, '*.api.example.com'], secretName: t}], rules: [${rule('shop.example.com')}, ${rule('v1.api.example.com')}]}`) }],
      fail: [
        {
          name: 'no tls; a host not listed; a wildcard does not cover two labels',
          yaml: `${ingress('plain', `{rules: [${rule('shop.example.com')}]}`)}${ingress('partial', `{tls: [{hosts: ['*.example.com']}], rules: [${rule('a.example.com')}, ${rule('a.b.example.com')}, ${rule('other.test')}]}`)}`,
          findings: [
            { messageId: 'noTls', resource: 'Ingress/shop/plain', path: '/spec/tls', message: 'Ingress plain serves shop.example.com without TLS' },
            { messageId: 'uncovered', resource: 'Ingress/shop/partial', path: '/spec/rules/1/host', message: 'Ingress partial serves host a.b.example.com without TLS (no tls entry lists it)' },
            { messageId: 'uncovered', resource: 'Ingress/shop/partial', path: '/spec/rules/2/host', observed: 'tls hosts: *.example.com' },
          ],
        },
      ],
    },
    it,
  );
});

describe('exposure-baseline-failing', () => {
  new CheckTester(weak).register(
    {
      pass: [{ name: 'exposed workloads pass the baseline; the privileged one is internal', yaml: `${workloads}${service('lb', '{type: LoadBalancer, selector: {app: web}}')}${service('tools', '{selector: {app: tools}}')}` }],
      fail: [
        {
          name: 'through a NodePort Service and through an Ingress',
          yaml: `${workloads}${service('front', '{type: NodePort, selector: {tier: front}}')}${service('tools', '{selector: {app: tools}}')}${ingress('admin', `{tls: [{hosts: [a.example]}], rules: [${rule('a.example', 'tools')}]}`)}`,
          findings: [
            { messageId: 'weakWorkload', resource: 'Service/shop/front', message: 'Service front (NodePort) exposes Deployment tools, which fails pss-baseline: privileged' },
            { messageId: 'weakWorkload', resource: 'Ingress/shop/admin', message: 'Ingress admin (via Service tools) exposes Deployment tools, which fails pss-baseline: privileged' },
          ],
        },
      ],
    },
    it,
  );
});

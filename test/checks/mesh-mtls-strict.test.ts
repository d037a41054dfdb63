import { describe, it } from '@jest/globals';
import check from '../../checks/mesh-mtls-strict.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const ns = (name: string, meta = '') => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}${meta}}\n---\n`;
const deploy = (namespace: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: app, namespace: ${namespace}}
spec:
  selector: {matchLabels: {app: app}}
  template:
    metadata: {labels: {app: app}${extra}}
    spec: {containers: [{name: app, image: 'app:1'}]}
---
`;
const pa = (namespace: string, mode: string, selector = '') => `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: ${namespace}}
spec: {${selector}mtls: {mode: ${mode}}}
---
`;
const istioNs = (name: string) => ns(name, ', labels: {istio-injection: enabled}');

describe('mesh-mtls-strict', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'Istio mesh-wide STRICT', yaml: istioNs('shop') + deploy('shop') + pa('istio-system', 'STRICT') },
        {
          name: 'namespace STRICT over mesh-wide PERMISSIVE',
          yaml: istioNs('shop') + deploy('shop') + pa('istio-system', 'PERMISSIVE') + pa('shop', 'STRICT'),
        },
        { name: 'Linkerd-annotated namespace', yaml: ns('shop', ', annotations: {linkerd.io/inject: enabled}') + deploy('shop') },
      ],
      fail: [
        {
          name: 'Istio default PERMISSIVE, and a namespace outside the mesh',
          yaml:
            istioNs('shop') +
            deploy('shop') +
            ns('batch') +
            deploy('batch') +
            pa('istio-system', 'STRICT', 'selector: {matchLabels: {app: x}}, '),
          findings: [
            {
              messageId: 'notStrict',
              resource: 'Namespace/shop',
              message: 'Namespace shop is in the Istio mesh with mTLS mode PERMISSIVE (Istio default): plaintext traffic is still accepted',
              observed: 'mtls.mode PERMISSIVE (Istio default)',
            },
            {
              messageId: 'notMeshed',
              resource: 'Namespace/batch',
              message: 'Namespace batch runs workloads outside the service mesh: their traffic is not mutually authenticated',
            },
          ],
        },
        {
          name: 'namespace PERMISSIVE overrides mesh-wide STRICT',
          yaml: istioNs('shop') + deploy('shop') + pa('istio-system', 'STRICT') + pa('shop', 'PERMISSIVE'),
          findings: [{ messageId: 'notStrict', resource: 'Namespace/shop', observed: 'mtls.mode PERMISSIVE (PeerAuthentication in shop)' }],
        },
      ],
      unjudgeable: [
        { name: 'no mesh at all', yaml: ns('shop') + deploy('shop'), status: 'manual' },
        {
          name: 'PeerAuthentications forbidden',
          yaml: istioNs('shop') + deploy('shop'),
          inventory: (inv) =>
            inv.coverage.push({ key: 'peerAuthentications', kind: 'PeerAuthentication', status: 403, reason: 'Forbidden' }),
          status: 'not-assessed',
        },
      ],
    },
    it,
  );
});

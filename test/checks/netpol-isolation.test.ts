/** The netpol- checks over the model's fixture (test/fixtures/netpol-model/cluster.yaml) and small inline cases. */
import { describe, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import allowAll from '../../checks/netpol-allow-all.js';
import dangling from '../../checks/netpol-dangling.js';
import defaultDeny from '../../checks/netpol-namespace-default-deny.js';
import egress from '../../checks/netpol-workload-egress-isolation.js';
import ingress from '../../checks/netpol-workload-ingress-isolation.js';
import { packageRoot } from '../../src/core/package-root.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const cluster = readFileSync(join(packageRoot(), 'test', 'fixtures', 'netpol-model', 'cluster.yaml'), 'utf8');

const isolated = `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress, Egress], egress: [{to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}}], ports: [{port: 53, protocol: UDP}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: example.com/web:1}]}
`;

const workload = (policy: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, tier: front}}
    spec: {containers: [{name: web, image: example.com/web:1}]}
---
apiVersion: v1
kind: Pod
metadata: {name: agent, namespace: shop, labels: {app: agent}}
spec: {hostNetwork: true, containers: [{name: a, image: example.com/a:1}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: shop}
spec: ${policy}
`;

const pod = (ns: string, name: string) => `Pod/${ns}/${name}`;

describe('netpol-workload-ingress-isolation', () => {
  new CheckTester(ingress).register(
    {
      pass: [{ name: 'default deny for both directions', yaml: isolated }, { name: 'hostNetwork pods are outside NetworkPolicy', yaml: workload('{podSelector: {matchLabels: {app: web}}}') }],
      fail: [
        { name: 'the selector-form fixture', yaml: cluster, findings: ['jobs/export', 'jobs/other', 'ops/operator', 'open/anything'].map((p) => ({ messageId: 'notIsolated', resource: pod(...(p.split('/') as [string, string])), path: '/metadata/labels' })) },
        {
          name: 'an Egress-only policy does not isolate ingress (a Deployment template)',
          yaml: workload('{podSelector: {matchLabels: {tier: front}}, policyTypes: [Egress]}'),
          findings: [
            {
              messageId: 'notIsolated',
              resource: 'Deployment/shop/web',
              path: '/spec/template/metadata/labels',
              message: 'Deployment web accepts connections from any pod and any address: no NetworkPolicy with Ingress in policyTypes selects its pods',
              observed: 'labels {app=web,tier=front}: 1 NetworkPolicies in namespace shop, none selects them for ingress',
            },
          ],
        },
      ],
    },
    it,
  );
});

describe('netpol-workload-egress-isolation', () => {
  new CheckTester(egress).register(
    {
      pass: [{ name: 'default deny for both directions', yaml: isolated }, { name: 'egress rules without policyTypes isolate egress', yaml: workload('{podSelector: {}, egress: [{ports: [{port: 443}]}]}') }],
      fail: [
        {
          name: 'the selector-form fixture',
          yaml: cluster,
          findings: ['shop/web', 'shop/api', 'shop/cache', 'jobs/other', 'ops/public', 'open/anything'].map((p) => ({ messageId: 'notIsolated', resource: pod(...(p.split('/') as [string, string])), path: '/metadata/labels' })),
        },
        {
          name: 'an Ingress policy with egress: [] and no policyTypes does not isolate egress',
          yaml: workload('{podSelector: {}, egress: [], ingress: [{}]}'),
          findings: [{ messageId: 'notIsolated', resource: 'Deployment/shop/web', path: '/spec/template/metadata/labels', message: 'Deployment web may connect to any pod and any address: no NetworkPolicy with Egress in policyTypes selects its pods' }],
        },
      ],
    },
    it,
  );
});

describe('netpol-namespace-default-deny', () => {
  new CheckTester(defaultDeny).register(
    {
      pass: [{ name: 'a {} policy isolating both directions, with allow rules', yaml: isolated }],
      fail: [
        {
          name: 'the selector-form fixture',
          yaml: cluster,
          findings: [
            { messageId: 'noDefaultDeny', resource: 'Namespace/shop', message: 'namespace shop has no default-deny Egress policy (5/5 pods isolated for ingress, 2/5 for egress)', observed: '5 NetworkPolicies, none with podSelector: {} and Egress in policyTypes' },
            ...['ops', 'ops', 'jobs', 'jobs', 'open', 'open'].map((ns) => ({ messageId: 'noDefaultDeny', resource: `Namespace/${ns}` })),
          ],
        },
        { name: 'egress not required by option', yaml: cluster, options: { requireEgress: false }, findings: ['ops', 'jobs', 'open'].map((ns) => ({ messageId: 'noDefaultDeny', resource: `Namespace/${ns}` })) },
      ],
      unjudgeable: [
        { name: 'no Namespace object', yaml: workload('{podSelector: {}}'), status: 'not-assessed' },
        { name: 'policies unreadable somewhere', yaml: cluster, inventory: (inv) => inv.coverage.push({ key: 'networkPolicies', kind: 'NetworkPolicy', namespace: 'ops', status: 403, reason: 'Forbidden' }), status: 'not-assessed' },
      ],
    },
    it,
  );
});

describe('netpol-allow-all', () => {
  new CheckTester(allowAll).register(
    {
      pass: [{ name: 'DNS egress only', yaml: isolated }, { name: 'everyone, but on one port', yaml: workload('{podSelector: {}, ingress: [{ports: [{port: 443}]}]}') }],
      fail: [
        {
          name: 'the selector-form fixture',
          yaml: cluster,
          findings: [
            { messageId: 'allowAll', resource: 'NetworkPolicy/ops/appless', path: '/spec/ingress/0', message: 'NetworkPolicy appless allows ingress from any peer on every port (ingress rule 0)' },
            { messageId: 'allowAll', resource: 'NetworkPolicy/ops/internal', path: '/spec/egress/0', message: 'NetworkPolicy internal allows egress to every pod in every namespace on every port (egress rule 0)' },
          ],
        },
        {
          name: '0.0.0.0/0 without except; with except it is not everything',
          yaml: workload('{podSelector: {}, policyTypes: [Egress], egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8}}]}, {to: [{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}}]}, {to: [{ipBlock: {cidr: 0.0.0.0/0}}]}]}'),
          findings: [{ messageId: 'allowAll', resource: 'NetworkPolicy/shop/p', path: '/spec/egress/2', observed: 'to every address, every port' }],
        },
      ],
    },
    it,
  );
});

describe('netpol-dangling', () => {
  new CheckTester(dangling).register(
    {
      pass: [{ name: 'selects the Deployment template', yaml: workload('{podSelector: {matchLabels: {tier: front}}}') }, { name: '{} is never dangling', yaml: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: d, namespace: empty}\nspec: {podSelector: {}}\n' }],
      fail: [
        { name: 'the selector-form fixture', yaml: cluster, findings: [{ messageId: 'selectsNothing', resource: 'NetworkPolicy/ops/malformed', path: '/spec/podSelector', observed: 'a malformed selector (matches nothing)' }] },
        {
          name: 'a typo in the label',
          yaml: workload('{podSelector: {matchLabels: {app: wbe}}}'),
          findings: [{ messageId: 'selectsNothing', resource: 'NetworkPolicy/shop/p', path: '/spec/podSelector', message: 'NetworkPolicy p selects no pod or workload in namespace shop', observed: '0 of 2 label sets in namespace shop match' }],
        },
      ],
      unjudgeable: [{ name: 'pods unreadable', yaml: cluster, inventory: (inv) => inv.coverage.push({ key: 'pods', kind: 'Pod', namespace: 'ops', status: 403, reason: 'Forbidden' }), status: 'not-assessed' }],
    },
    it,
  );
});

import { describe, it } from '@jest/globals';
import signature from '../../checks/image-signature-policy.js';
import mutable from '../../checks/image-mutable-tag-pull-policy.js';
import allowlist from '../../checks/image-registry-allowlist.js';
import vulns from '../../checks/image-vulnerability-reports.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const deploy = (name: string, containers: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: shop}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: ${containers}
---
`;
const verify = (action: string) => `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: verify-signatures}
spec:
  validationFailureAction: ${action}
  rules:
  - name: cosign
    match: {any: [{resources: {kinds: [Pod]}}]}
    verifyImages: [{imageReferences: ['registry.example.com/*'], attestors: [{entries: [{keys: {publicKeys: 'KEY'}}]}]}]
---
`;
const cip = (mode?: string) => `apiVersion: policy.sigstore.dev/v1beta1
kind: ClusterImagePolicy
metadata: {name: signed}
spec: {${mode ? `mode: ${mode}, ` : ''}images: [{glob: 'registry.example.com/**'}]}
---
`;
const ns = (name: string, labels = '{}') => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}, labels: ${labels}}\n---\n`;
const apiserver = (plugins: string) => `apiVersion: v1
kind: Pod
metadata: {name: kube-apiserver-cp1, namespace: kube-system, labels: {component: kube-apiserver, tier: control-plane}}
spec: {containers: [{name: kube-apiserver, image: registry.k8s.io/kube-apiserver:v1.33.4, command: [kube-apiserver, '--enable-admission-plugins=${plugins}']}]}
---
`;

describe('image-signature-policy', () => {
  new CheckTester(signature).register(
    {
      pass: [
        { name: 'Kyverno verifyImages in Enforce', yaml: verify('Enforce') },
        { name: 'policy-controller with an opted-in namespace', yaml: cip() + ns('shop', '{policy.sigstore.dev/include: "true"}') },
        { name: 'ImagePolicyWebhook enabled', yaml: apiserver('NodeRestriction,ImagePolicyWebhook') },
      ],
      fail: [
        {
          name: 'nothing installed',
          yaml: apiserver('NodeRestriction'),
          findings: [{ messageId: 'noVerification', resource: 'Cluster/cluster', message: 'No admission control verifies image signatures in enforcing mode (Kyverno not installed; policy-controller not installed; ImagePolicyWebhook not enabled)' }],
        },
        { name: 'Kyverno verifyImages in Audit', yaml: verify('Audit'), findings: [{ messageId: 'noVerification', resource: 'Cluster/cluster', observed: 'Kyverno: 1 object, none with an enforcing verifyImages rule; policy-controller not installed; ImagePolicyWebhook not enabled' }] },
        { name: 'policy-controller, no namespace opted in', yaml: cip() + ns('shop'), findings: [{ messageId: 'noVerification', resource: 'Cluster/cluster', observed: 'Kyverno not installed; policy-controller: 1 object, no namespace labelled policy.sigstore.dev/include=true; ImagePolicyWebhook not enabled' }] },
        { name: 'policy-controller in warn mode', yaml: cip('warn') + ns('shop', '{policy.sigstore.dev/include: "true"}'), findings: [{ messageId: 'noVerification', resource: 'Cluster/cluster', observed: 'Kyverno not installed; policy-controller: 1 object, all in warn mode; ImagePolicyWebhook not enabled' }] },
      ],
      unjudgeable: [{ name: 'ClusterImagePolicies forbidden', yaml: '', inventory: (inv) => inv.coverage.push({ key: 'clusterImagePolicies', kind: 'ClusterImagePolicy', status: 403, reason: 'Forbidden' }), status: 'not-assessed' }],
    },
    it,
  );
});

describe('image-mutable-tag-pull-policy', () => {
  new CheckTester(mutable).register(
    {
      pass: [deploy('a', '[{name: a, image: "nginx:1.27", imagePullPolicy: Always}, {name: b, image: "nginx@sha256:' + 'a'.repeat(64) + '"}, {name: c, image: "nginx:latest"}]')].map((yaml) => ({ yaml })),
      fail: [
        {
          yaml: deploy('web', '[{name: web, image: "registry.example.com/web:2.1"}, {name: side, image: "busybox:1.36", imagePullPolicy: Never}]'),
          findings: [
            { messageId: 'notAlways', resource: 'Deployment/shop/web', path: '/spec/template/spec/containers/0/imagePullPolicy', message: 'container web runs the mutable tag registry.example.com/web:2.1 with imagePullPolicy IfNotPresent (default)', observed: 'imagePullPolicy unset (IfNotPresent)' },
            { messageId: 'notAlways', resource: 'Deployment/shop/web', path: '/spec/template/spec/containers/1/imagePullPolicy', observed: 'imagePullPolicy: Never' },
          ],
        },
      ],
    },
    it,
  );
});

describe('image-registry-allowlist', () => {
  const two = deploy('web', '[{name: web, image: "registry.example.com/team/web:2.1"}, {name: side, image: "busybox:1.36"}]') + deploy('db', '[{name: db, image: "quay.io/x/db:1"}]');
  new CheckTester(allowlist).register(
    {
      pass: [{ name: 'every registry allowed (host, host/path)', yaml: two, options: { allowedRegistries: ['registry.example.com/team', 'docker.io', 'quay.io/x'] } }],
      fail: [
        {
          name: 'Docker Hub and quay.io outside the list',
          yaml: two,
          options: { allowedRegistries: ['registry.example.com'] },
          findings: [
            { messageId: 'outside', resource: 'Deployment/shop/web', path: '/spec/template/spec/containers/1/image', message: 'container side uses image busybox:1.36 from docker.io, which is not an allowed registry', observed: 'registry docker.io', expected: 'one of registry.example.com' },
            { messageId: 'outside', resource: 'Deployment/shop/db', path: '/spec/template/spec/containers/0/image' },
          ],
        },
      ],
      unjudgeable: [{ name: 'no list: manual, with the registries in use', yaml: two, status: 'manual', reason: 'no allowedRegistries option set; registries in use: docker.io (1 container), quay.io (1 container), registry.example.com (1 container)' }],
    },
    it,
  );
});

describe('image-vulnerability-reports', () => {
  const report = (name: string, critical: number) => `apiVersion: aquasecurity.github.io/v1alpha1
kind: VulnerabilityReport
metadata: {name: ${name}, namespace: shop, labels: {trivy-operator.resource.kind: ReplicaSet, trivy-operator.resource.name: ${name}-7d9f, trivy-operator.container.name: app}}
report:
  artifact: {repository: library/nginx, tag: '1.25'}
  summary: {criticalCount: ${critical}, highCount: 4, mediumCount: 1, lowCount: 0, unknownCount: 0}
  vulnerabilities: [{vulnerabilityID: CVE-2024-6387}]
---
`;
  new CheckTester(vulns).register(
    {
      pass: [{ name: 'reports without critical findings', yaml: report('web', 0) }],
      fail: [
        {
          yaml: report('web', 2) + report('api', 0),
          findings: [{ messageId: 'critical', resource: 'VulnerabilityReport/shop/web', path: '/report/summary/criticalCount', message: 'ReplicaSet web-7d9f container app (library/nginx:1.25) has 2 critical and 4 high vulnerabilities', observed: '2 critical' }],
        },
      ],
      unjudgeable: [
        { name: 'trivy-operator not installed', yaml: '', status: 'manual' },
        { name: 'reports forbidden', yaml: report('web', 0), inventory: (inv) => inv.coverage.push({ key: 'vulnerabilityReports', kind: 'VulnerabilityReport', status: 403, reason: 'Forbidden' }), status: 'not-assessed' },
      ],
    },
    it,
  );
});

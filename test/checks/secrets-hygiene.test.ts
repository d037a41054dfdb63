import { describe, it } from '@jest/globals';
import configmap from '../../checks/configmap-credential-data.js';
import legacy from '../../checks/secret-legacy-sa-token.js';
import age from '../../checks/secret-rotation-age.js';
import unreferenced from '../../checks/secret-unreferenced.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const secret = (name: string, extra = '') => `---\napiVersion: v1\nkind: Secret\nmetadata: {name: ${name}, namespace: shop${extra}}\ndata: {password: aHVudGVyMg==}\n`;

const cluster = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      imagePullSecrets: [{name: pull}]
      containers:
      - name: web
        image: example.com/web:1
        env: [{name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}]
        envFrom: [{secretRef: {name: env-bundle}}]
      volumes:
      - {name: tls, secret: {secretName: mounted}}
      - {name: p, projected: {sources: [{secret: {name: projected}}]}}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: ci, namespace: shop}
secrets: [{name: sa-listed}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec: {tls: [{hosts: [shop.example], secretName: shop-tls}], rules: []}
${['pull', 'db', 'env-bundle', 'mounted', 'projected', 'sa-listed', 'shop-tls'].map((n) => secret(n)).join('')}
${secret('sh.helm.release.v1.web.v3', ', labels: {owner: helm}')}
${secret('owned', ', ownerReferences: [{apiVersion: v1, kind: Foo, name: f}]')}
---
apiVersion: v1
kind: Secret
metadata: {name: ci-token, namespace: shop, annotations: {kubernetes.io/service-account.name: ci}, labels: {kubernetes.io/legacy-token-last-used: '2026-01-05'}}
type: kubernetes.io/service-account-token
`;

describe('secret-legacy-sa-token', () => {
  new CheckTester(legacy).register(
    {
      pass: [{ name: 'opaque Secrets only', yaml: secret('db') }],
      fail: [
        {
          name: 'a token Secret (type and annotation), and one known by its annotation only (metadata-only read)',
          yaml: `${cluster}${secret('old-token', ', annotations: {kubernetes.io/service-account.name: deployer}')}`,
          findings: [
            { messageId: 'legacyToken', resource: 'Secret/shop/ci-token', path: '/metadata/annotations/kubernetes.io~1service-account.name', message: 'Secret ci-token holds a long-lived token of service account ci', observed: 'a non-expiring token Secret, last used 2026-01-05' },
            { messageId: 'legacyToken', resource: 'Secret/shop/old-token', path: '/metadata/annotations/kubernetes.io~1service-account.name', observed: 'a non-expiring token Secret' },
          ],
        },
      ],
    },
    it,
  );
});

describe('secret-unreferenced', () => {
  new CheckTester(unreferenced).register(
    {
      pass: [{ name: 'every Secret used by a pod template, a ServiceAccount or an Ingress; tool state and owned Secrets skipped', yaml: cluster }],
      fail: [
        {
          name: 'a leftover Secret, and one a removed workload used',
          yaml: `${cluster}${secret('leftover')}${secret('cert', ', annotations: {cert-manager.io/certificate-name: c}')}`,
          findings: [{ messageId: 'unreferenced', resource: 'Secret/shop/leftover', message: 'Secret leftover is not referenced by any pod, service account or ingress' }],
        },
      ],
      unjudgeable: [{ name: 'pods unreadable', yaml: cluster, inventory: (inv) => inv.coverage.push({ key: 'pods', kind: 'Pod', namespace: 'shop', status: 403, reason: 'Forbidden' }), status: 'not-assessed' }],
    },
    it,
  );
});

const at = (date: string) => (inv: { source: { collectedAt: string } }) => (inv.source.collectedAt = date);

describe('secret-rotation-age', () => {
  const dated = `${secret('fresh', ", creationTimestamp: '2026-06-01T00:00:00Z'")}${secret('stale', ", creationTimestamp: '2024-12-01T00:00:00Z'")}${secret('managed', ", creationTimestamp: '2020-01-01T00:00:00Z', annotations: {reconcile.external-secrets.io/data-hash: abc}")}`;
  new CheckTester(age).register(
    {
      pass: [{ name: 'within a year', yaml: dated, inventory: at('2025-11-30T00:00:00Z') }, { name: 'a longer threshold', yaml: dated, inventory: at('2026-12-07T00:00:00Z'), options: { maxAgeDays: 800 } }],
      fail: [
        {
          name: 'older than 365 days at the time of collection; rotated-in-place Secrets skipped',
          yaml: dated,
          inventory: at('2026-12-07T00:00:00Z'),
          findings: [{ messageId: 'old', resource: 'Secret/shop/stale', path: '/metadata/creationTimestamp', message: 'Secret stale was created 736 days ago (more than 365)', observed: 'created 2024-12-01T00:00:00Z (736 days before the scan)' }],
        },
      ],
      unjudgeable: [{ name: 'manifests without creationTimestamp', yaml: secret('db'), status: 'not-assessed' }],
    },
    it,
  );
});

const cm = (data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app, namespace: shop}\ndata:\n${data}`;

describe('configmap-credential-data', () => {
  new CheckTester(configmap).register(
    {
      pass: [{ name: 'ordinary configuration', yaml: cm("  LOG_LEVEL: debug\n  DB_PASSWORD_FILE: /run/secrets/db\n  app.yaml: |\n    password: ${DB_PASSWORD}\n    port: 8080\n") }],
      fail: [
        {
          name: 'a key, a shape and a line of a file',
          yaml: cm('  SMTP_PASS: hunter2hunter2\n  hook: https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXX\n  application.properties: |\n    server.port=8080\n    spring.datasource.password=s3cr3t\n  a/b: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl\n'),
          findings: [
            { messageId: 'credential', resource: 'ConfigMap/shop/app', path: '/data/SMTP_PASS', message: 'ConfigMap app key SMTP_PASS looks like it holds a credential: the key names a credential ("pass") and the value is a literal', observed: 'name: pass' },
            { messageId: 'credential', resource: 'ConfigMap/shop/app', path: '/data/hook', message: 'ConfigMap app key hook looks like it holds a credential: the value is shaped like a Slack webhook URL' },
            { messageId: 'credential', resource: 'ConfigMap/shop/app', path: '/data/application.properties', message: 'ConfigMap app key application.properties looks like it holds a credential: line 2 sets a setting named like a credential ("password") to a literal', observed: 'line-name: password (line 2)' },
            { messageId: 'credential', resource: 'ConfigMap/shop/app', path: '/data/a~1b', observed: 'shape: jwt' },
          ],
        },
      ],
    },
    it,
  );
});

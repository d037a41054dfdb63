import { describe, expect, it } from '@jest/globals';
import check from '../../checks/env-credential-literal.js';
import type { Container } from '../../src/core/k8s.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const APP = '/spec/template/spec/containers/0/env';
const WORKER = '/spec/containers/0/env';
const RES = 'Deployment/shop/billing';

/** Name-pattern findings of fail-name-patterns.yaml: env index, variable, matched word part. */
const byName: [number, string, string][] = [
  [1, 'SMTP_Password', 'password'],
  [2, 'LDAP_PASSWD', 'passwd'],
  [3, 'JWT_SECRET', 'secret'],
  [4, 'githubToken', 'token'],
  [5, 'STRIPE_API_KEY', 'api_key'],
  [6, 'mapsApiKey', 'api_key'],
  [7, 'APIKEY', 'apikey'],
  [8, 'SIGNING_PRIVATE_KEY', 'private_key'],
  [9, 'MINIO_ACCESS_KEY', 'access_key'],
  [10, 'GIT_CREDENTIALS', 'credentials'],
  [11, 'registry.credential', 'credential'],
  [12, 'x-auth-tokens', 'tokens'],
];

const FAKE = 'not-a-real-password-XYZ';
const leakCase = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: leak, namespace: shop}
spec:
  selector: {matchLabels: {app: leak}}
  template:
    metadata: {labels: {app: leak}}
    spec:
      containers:
      - name: app
        image: registry.example.com/app:1.0.0
        env:
        - {name: DB_PASSWORD, value: ${FAKE}}
        - {name: DATABASE_URL, value: 'postgres://app:${FAKE}@db:5432/app'}
`;

describe('env-credential-literal', () => {
  new CheckTester(check).register(
    {
      pass: [
        'pass-references.yaml',
        {
          name: 'no env at all',
          yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: a}\nspec:\n  containers: [{name: c, image: "c:1"}]\n',
        },
      ],
      fail: [
        {
          name: 'each credential name pattern (Deployment with ReplicaSet-owned pods)',
          fixture: 'fail-name-patterns.yaml',
          findings: [
            {
              messageId: 'credentialName',
              resource: RES,
              path: '/spec/template/spec/initContainers/0/env/0/value',
              message: 'init container migrate sets env DB_PASSWORD to a literal value; the name looks like a credential (password)',
              observed: 'literal value (shape plain, name part "password")',
              expected: 'valueFrom.secretKeyRef, or the Secret mounted as a file',
              podCount: 2,
            },
            ...byName.map(([i, variable, match]) => ({
              messageId: 'credentialName',
              resource: RES,
              path: `${APP}/${i}/value`,
              message: `container app sets env ${variable} to a literal value; the name looks like a credential (${match})`,
              podCount: 2,
            })),
            {
              messageId: 'credentialName',
              resource: RES,
              path: `${APP}/13/value`,
              observed: 'literal value (shape high-entropy, name part "secret")',
            },
          ],
        },
        {
          name: 'each value shape, whatever the name',
          fixture: 'fail-value-shapes.yaml',
          findings: [
            {
              messageId: 'credentialShape',
              resource: 'Pod/ops/worker',
              path: `${WORKER}/0/value`,
              message: 'container worker sets env SIGNING_PEM to a literal value shaped like a PEM private key',
              observed: 'literal value (shape private-key)',
              podCount: 1,
            },
            {
              messageId: 'credentialShape',
              resource: 'Pod/ops/worker',
              path: `${WORKER}/1/value`,
              message: 'container worker sets env BEARER to a literal value shaped like a JSON Web Token',
              observed: 'literal value (shape jwt)',
            },
            {
              messageId: 'credentialShape',
              resource: 'Pod/ops/worker',
              path: `${WORKER}/2/value`,
              message: 'container worker sets env CLOUD_ID to a literal value shaped like an AWS access key id',
              observed: 'literal value (shape aws-access-key)',
            },
            {
              messageId: 'credentialShape',
              resource: 'Pod/ops/worker',
              path: `${WORKER}/3/value`,
              message: 'container worker sets env DATABASE_URL to a literal value shaped like a URL with an embedded user:password',
              observed: 'literal value (shape url-with-credentials)',
            },
            {
              messageId: 'credentialShape',
              resource: 'Pod/ops/worker',
              path: `${WORKER}/4/value`,
              message: 'container worker sets env AWS_ACCESS_KEY_ID to a literal value shaped like an AWS access key id',
              observed: 'literal value (shape aws-access-key, name part "access_key")',
            },
          ],
        },
      ],
    },
    it,
  );

  it('never puts a literal value into a finding', () => {
    const tester = new CheckTester(check);
    const { findings } = tester.run({ yaml: leakCase });
    expect(findings.map((f) => f.path)).toEqual([
      '/spec/template/spec/containers/0/env/0/value',
      '/spec/template/spec/containers/0/env/1/value',
    ]);
    expect(JSON.stringify(findings)).not.toContain(FAKE);
    expect(JSON.stringify(findings)).not.toContain('XYZ');
  });

  it('never puts a literal value into a finding, even from an Inventory that was not sanitized', () => {
    const tester = new CheckTester(check);
    const { findings, outcome } = tester.run({
      yaml: leakCase,
      inventory: (inv) => {
        const container = inv.deployments[0]?.spec?.template?.spec?.containers[0] as Container;
        container.env = [
          { name: 'API_TOKEN', value: FAKE },
          { name: 'PLAIN', value: `-----BEGIN PRIVATE KEY-----${FAKE}-----END PRIVATE KEY-----` },
        ];
      },
    });
    expect(outcome.messageIds).toEqual(['credentialName', 'credentialShape']);
    expect(JSON.stringify(findings)).not.toContain(FAKE);
  });
});

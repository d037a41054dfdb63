import { defineCheck } from '../src/core/check.js';
import type { EnvVar, RedactedValue } from '../src/core/k8s.js';
import { classifyLiteral, SECRET_SHAPES } from '../src/core/sanitize.js';
import { credentialNameMatch } from '../src/core/sanitize-values.js';
import { containersOf, podSpecSubjects, POD_SPEC_KEYS, type PodSpecSubject, containerLabel } from './_shared/workloads.js';

function redactedOf(env: EnvVar): RedactedValue | undefined {
  if (env.valueRedacted) return env.valueRedacted;
  // An Inventory built without sanitize.ts: classify here and keep nothing but the shape.
  if (typeof env.value === 'string') return classifyLiteral(env.value);
  return undefined;
}

export default defineCheck({
  meta: {
    id: 'env-credential-literal',
    title: 'Credentials are not written as literal environment values',
    description:
      'A credential written as a literal env value lives in the workload manifest: in Git, in Helm values, in the Deployment object that everyone with ' +
      'read access to workloads can get, in audit logs and in CI output. It cannot be rotated without a redeploy and is not covered by Secret RBAC or ' +
      'encryption at rest. A literal env value is reported when its name has a credential word part (password, passwd, pwd, pass, passphrase, secret, ' +
      'token, api_key/apikey, private_key, access_key, credential(s); or ends in key/keys, as in STRIPE_KEY, ENCRYPTION_KEY, AZURE_BATCH_KEY, unless the part ' +
      'before makes it a data key: PARTITION_KEY, CACHE_KEY, PUBLIC_KEY, S3_KEY...; case-insensitive, split on _ - . and camelCase, so DB_PASSWORD and ' +
      'githubToken match) unless the last part marks a reference or a setting (TOKEN_FILE, PASSWORD_PATH, DB_SECRET_NAME, TOKEN_URL, TOKEN_TTL, AUTH_ENABLED...), ' +
      'or when the value is shaped like a private key, a JWT, an AWS access key id, a URL with user:password, a Bearer token, a GitHub token (ghp_, github_pat_) ' +
      'or a Slack webhook, whatever the name. Empty values are ignored; valueFrom references pass. ' +
      'kaudit never holds the value: it is replaced by its length and shape when the object is read, and findings name only the container and variable.',
    severity: 'high',
    requires: POD_SPEC_KEYS,
    messages: {
      credentialName: '{{container}} sets env {{variable}} to a literal value; the name looks like a credential ({{match}})',
      credentialShape: '{{container}} sets env {{variable}} to a literal value shaped like {{shape}}',
    },
    remediation:
      'Move the value into a Secret (or an external secret store synced into one), rotate it since it has been exposed, and reference it with ' +
      'valueFrom.secretKeyRef, or better mount the Secret as a file and point the application at it (CIS 5.4.1).',
    references: [
      'CIS Kubernetes Benchmark 5.4.1 (prefer secrets as files over environment variables)',
      'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables',
      'Polaris sensitiveContainerEnvVar',
      'Kubescape C-0012 (applications credentials in configuration files)',
    ],
    example: `apiVersion: apps/v1
kind: Deployment
metadata: {name: billing, namespace: shop}
spec:
  selector: {matchLabels: {app: billing}}
  template:
    metadata: {labels: {app: billing}}
    spec:
      containers:
      - name: billing
        image: registry.example.com/billing:3.2.0
        env:
        - name: DB_PASSWORD
          value: hunter2          # literal credential in the manifest`,
  },
  select: (inv) => podSpecSubjects(inv),
  evaluate(subject: PodSpecSubject, ctx) {
    for (const ref of containersOf(subject)) {
      (ref.container.env ?? []).forEach((env, i) => {
        if (!env || typeof env.name !== 'string') return;
        const literal = redactedOf(env);
        if (!literal || literal.shape === 'empty' || literal.shape === 'env-reference' || literal.length === 0) return;
        const shape = SECRET_SHAPES[literal.shape];
        const match = credentialNameMatch(env.name);
        if (!shape && !match) return;
        const evidence = {
          path: `${ref.path}/env/${i}/value`,
          observed: `literal value (shape ${literal.shape}${match ? `, name part "${match}"` : ''})`,
          expected: 'valueFrom.secretKeyRef, or the Secret mounted as a file',
        };
        const data = { container: containerLabel(ref), variable: env.name };
        if (shape) ctx.report({ messageId: 'credentialShape', data: { ...data, shape }, ...evidence });
        else ctx.report({ messageId: 'credentialName', data: { ...data, match }, ...evidence });
      });
    }
  },
});

import { defineCheck } from '../src/core/check.js';
import type { EnvVar, RedactedValue } from '../src/core/k8s.js';
import { classifyLiteral } from '../src/core/sanitize.js';
import { containersOf, podSpecSubjects, POD_SPEC_KEYS, type PodSpecSubject, containerLabel } from './_shared/workloads.js';

/** Word parts that name a credential on their own (plurals and run-together forms included). */
const CREDENTIAL_WORDS = new Set([
  'password', 'passwords', 'passwd', 'secret', 'secrets', 'token', 'tokens',
  'credential', 'credentials', 'apikey', 'apikeys', 'privatekey', 'accesskey',
]);
/** Two adjacent word parts that name a credential: api_key, privateKey, ACCESS-KEY. */
const CREDENTIAL_PAIRS: [string, string][] = [['api', 'key'], ['api', 'keys'], ['private', 'key'], ['access', 'key'], ['access', 'keys']];
/**
 * A last word part that makes the variable a reference to a credential or a setting about one, not
 * the credential itself: TOKEN_FILE, PASSWORD_PATH, DB_SECRET_NAME, TOKEN_URL, TOKEN_TTL.
 */
const QUALIFIERS = new Set([
  'file', 'files', 'filename', 'path', 'dir', 'directory', 'name', 'ref', 'location', 'mount',
  'url', 'uri', 'endpoint', 'ttl', 'expiry', 'expiration', 'timeout', 'length', 'type', 'header',
]);
/** Well-known variables whose value is a file path by convention. */
const PATH_VARIABLES = new Set(['GOOGLE_APPLICATION_CREDENTIALS']);

/** Value shapes that are credential material whatever the variable is called. */
const SECRET_SHAPES: Partial<Record<RedactedValue['shape'], string>> = {
  'private-key': 'a PEM private key',
  jwt: 'a JSON Web Token',
  'aws-access-key': 'an AWS access key id',
  'url-with-credentials': 'a URL with an embedded user:password',
};

/** Splits a variable name into lower-case word parts: DB_PASSWORD -> db, password; githubToken -> github, token; APIKey -> api, key. */
function wordParts(name: string): string[] {
  return name
    .split(/[^A-Za-z0-9]+/)
    .flatMap((segment) => segment.match(/[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+/g) ?? [])
    .map((part) => part.toLowerCase());
}

/** The credential word(s) a variable name contains, as written in the rule (`password`, `api_key`), or undefined. */
function credentialNameMatch(name: string): string | undefined {
  if (PATH_VARIABLES.has(name.toUpperCase())) return undefined;
  const parts = wordParts(name);
  if (!parts.length || QUALIFIERS.has(parts[parts.length - 1])) return undefined;
  for (let i = 0; i < parts.length; i++) {
    if (CREDENTIAL_WORDS.has(parts[i])) return parts[i];
    const pair = CREDENTIAL_PAIRS.find(([a, b]) => parts[i] === a && parts[i + 1] === b);
    if (pair) return pair.join('_');
  }
  return undefined;
}

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
      'encryption at rest. A literal env value is reported when its name has a credential word part (password, passwd, secret, token, api_key/apikey, ' +
      'private_key, access_key, credential(s); case-insensitive, split on _ - . and camelCase, so DB_PASSWORD and githubToken match) unless the last ' +
      'part marks a reference or a setting (TOKEN_FILE, PASSWORD_PATH, DB_SECRET_NAME, TOKEN_URL, TOKEN_TTL...), or when the value is shaped like a ' +
      'private key, a JWT, an AWS access key id or a URL with user:password, whatever the name. Empty values are ignored; valueFrom references pass. ' +
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

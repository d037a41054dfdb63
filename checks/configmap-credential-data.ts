import { defineCheck } from '../src/core/check.js';
import type { CredentialVerdict } from '../src/core/config-credentials.js';
import type { KObject } from '../src/core/k8s.js';
import { SECRET_SHAPES } from '../src/core/sanitize-values.js';
import { pointerSegment } from '../src/pss/util.js';

function why(v: CredentialVerdict): string {
  const shape = SECRET_SHAPES[v.match as keyof typeof SECRET_SHAPES];
  switch (v.kind) {
    case 'shape':
      return `the value is shaped like ${shape ?? v.match}`;
    case 'name':
      return `the key names a credential ("${v.match}") and the value is a literal`;
    case 'line-shape':
      return `line ${v.line} holds a value shaped like ${shape ?? v.match}`;
    case 'line-name':
      return `line ${v.line} sets a setting named like a credential ("${v.match}") to a literal`;
  }
}

export default defineCheck({
  meta: {
    id: 'configmap-credential-data',
    title: 'ConfigMaps hold no credentials',
    description:
      'ConfigMaps are not Secrets: they are not encrypted at rest by an EncryptionConfiguration for secrets, are readable by every role that reads ' +
      'configuration, are printed by `kubectl describe` and land in Git and Helm values. Each data entry is judged when kaudit reads it, the way env ' +
      'literals are: a value shaped like a credential (PEM private key, JWT, AWS access key id, URL with user:password, Bearer token, GitHub token, ' +
      'Slack webhook), a key named like a credential with a literal value (not a path, reference, placeholder, boolean or number), and, inside file ' +
      'values (properties, YAML, .env), the first line that does either. Only the verdict is kept: the value never enters the Inventory, a snapshot or a report.',
    severity: 'high',
    requires: ['configMaps'],
    messages: { credential: 'ConfigMap {{name}} key {{key}} looks like it holds a credential: {{why}}' },
    remediation:
      'Move the credential into a Secret (or an external secret store), mount it as a file, and rotate it: it has been readable as configuration.',
    references: [
      'https://kubernetes.io/docs/concepts/configuration/configmap/',
      'Kubescape C-0012 (applications credentials in configuration files)',
      'CIS Kubernetes Benchmark 5.4.1',
    ],
    example: `apiVersion: v1
kind: ConfigMap
metadata: {name: billing-config, namespace: shop}
data:
  application.properties: |
    spring.datasource.url=jdbc:postgresql://db:5432/billing
    spring.datasource.password=hunter2`,
  },
  select: (inv) => inv.configMaps.filter((c) => Array.isArray(c.credentialVerdicts) && c.credentialVerdicts.length),
  evaluate(cm: KObject, ctx) {
    for (const v of cm.credentialVerdicts as CredentialVerdict[]) {
      ctx.report({
        messageId: 'credential',
        data: { name: cm.metadata.name, key: v.key, why: why(v) },
        path: `/data/${pointerSegment(v.key)}`,
        observed: `${v.kind}: ${v.match}${v.line ? ` (line ${v.line})` : ''}`,
        expected: 'no credential in ConfigMap data: a Secret reference instead',
      });
    }
  },
});

import { nodeReportExample } from './_shared/node-files.js';
import { NO_APISERVER, nodeHostCheck } from './_shared/node-host.js';
import {
  ENCRYPTION_MESSAGES,
  encryptionSubjectOf,
  secretsEntry,
  secretsResources,
  type EncryptionSubject,
  type SecretsEntry,
} from './_shared/node-encryption.js';

/** The first provider for Secrets, with its KMS apiVersion when it is kms ('kms (v1)'). */
function firstProvider(entry: SecretsEntry): { text: string; v2: boolean } {
  const first = entry.providers[0];
  if (first === undefined) return { text: 'no provider', v2: false };
  if (first !== 'kms') return { text: first, v2: false };
  const version = entry.kmsApiVersions?.[0];
  return { text: `kms (${version ?? 'apiVersion unknown'})`, v2: version === 'v2' };
}

/** Providers in order, KMS ones with their apiVersion. */
function providerList(entry: SecretsEntry): string {
  let kms = 0;
  return entry.providers.map((p) => (p === 'kms' ? `kms (${entry.kmsApiVersions?.[kms++] ?? 'apiVersion unknown'})` : p)).join(', ');
}

export default nodeHostCheck<EncryptionSubject, 'noConfig' | 'notCovered' | 'notKmsV2'>({
  meta: {
    id: 'node-encryption-kms-v2',
    title: 'Secrets are encrypted at rest by a KMS v2 provider first',
    description:
      "aescbc, aesgcm and secretbox keep their key in the EncryptionConfiguration file on every control-plane host: whoever reads the file (or a backup of the host) decrypts etcd. A KMS provider keeps the key encryption key in an external key manager, and KMS v2 (GA in Kubernetes 1.29) is the supported plugin API (v1 is deprecated and disabled by default since 1.29). Rule: on every control-plane node, the first provider of the resource list covering secrets must be kms with apiVersion v2; aescbc, aesgcm, secretbox or identity first, a kms provider of apiVersion v1 (the default when apiVersion is unset), no list covering secrets or no --encryption-provider-config fail. Judged from the node agent's report (provider types and KMS apiVersions only; no key, KMS name or endpoint ever leaves the host); a report that does not give the KMS apiVersion (an older agent) leaves its node not-assessed.",
    severity: 'medium',
    messages: {
      ...ENCRYPTION_MESSAGES,
      notKmsV2:
        'node {{node}}: {{path}} ({{source}}) encrypts secrets with {{provider}} first, not a KMS v2 provider (providers: {{providers}})',
    },
    remediation:
      "Run a KMS v2 plugin for your key manager (Vault, AWS KMS, Azure Key Vault, Google Cloud KMS) on the control-plane nodes, put `kms: {apiVersion: v2, name: ..., endpoint: unix:///...}` first in the providers of the secrets resource list (keep the old provider after it so existing data stays readable), restart the API servers, then rewrite the Secrets: kubectl get secrets -A -o json | kubectl replace -f -. Managed control planes: enable the provider's envelope encryption with a customer-managed key.",
    example: nodeReportExample(
      'cp-1',
      'control-plane, worker',
      [],
      [
        'components: [{name: kube-apiserver, pid: 2107, flags: {encryption-provider-config: /etc/kubernetes/enc/encryption.yaml}}]',
        'encryption:',
        '  path: /etc/kubernetes/enc/encryption.yaml',
        '  source: kube-apiserver --encryption-provider-config',
        '  resources: [{resources: [secrets], providers: [aescbc, identity]}]',
      ],
    ),
    references: [
      'https://kubernetes.io/docs/tasks/administer-cluster/kms-provider/',
      'https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/',
      'NSA/CISA Kubernetes Hardening Guide: encrypt etcd with a KMS',
    ],
  },
  scope: 'control-plane',
  noSubjects: NO_APISERVER,
  subjectsOf(report) {
    const got = encryptionSubjectOf(report);
    // A kms provider first whose apiVersion the report does not give (an agent older than that field).
    const entry = report.encryption && secretsResources(report.encryption);
    if (entry?.providers[0] === 'kms' && !entry.kmsApiVersions) {
      return {
        subjects: [],
        unjudgeable: [
          `node ${report.node}: the node report does not give the KMS provider's apiVersion (written by an older node agent: run kaudit node again)`,
        ],
      };
    }
    return got;
  },
  evaluate(subject, ctx) {
    const found = secretsEntry(subject, ctx);
    if (!found) return;
    const { entry, data } = found;
    const first = firstProvider(entry);
    if (!first.v2)
      ctx.report({
        messageId: 'notKmsV2',
        path: data.path,
        observed: providerList(entry) || 'no provider',
        expected: 'kms (v2) first',
        data: { ...data, provider: first.text, providers: providerList(entry) || 'none' },
      });
  },
});

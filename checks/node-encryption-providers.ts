import { nodeReportExample } from './_shared/node-files.js';
import { NO_APISERVER, nodeHostCheck } from './_shared/node-host.js';
import { ENCRYPTION_MESSAGES, encryptionSubjectOf, secretsEntry, type EncryptionSubject } from './_shared/node-encryption.js';

/** Providers that encrypt with a strong cipher, as CIS 1.2.28 lists them. */
const STRONG = ['aescbc', 'kms', 'secretbox'];

export default nodeHostCheck<EncryptionSubject, 'noConfig' | 'notCovered' | 'weakProvider'>({
  meta: {
    id: 'node-encryption-providers',
    title: 'Secrets are encrypted at rest with aescbc, kms or secretbox',
    description:
      'Encryption at rest protects Secrets in etcd and in its backups. The first provider listed for a resource is the one that encrypts new writes: identity (plain text) or aesgcm first leaves Secrets unprotected or weakly protected. Judged from the EncryptionConfiguration on each control-plane node, as the node agent reduced it (provider types in order per resource list; no key ever leaves the host).',
    severity: 'high',
    messages: {
      ...ENCRYPTION_MESSAGES,
      weakProvider: 'node {{node}}: {{path}} ({{source}}) encrypts secrets with {{provider}} first (providers: {{providers}})',
    },
    remediation:
      'Write an EncryptionConfiguration whose first provider for secrets is kms (v2), aescbc or secretbox, pass it with --encryption-provider-config, then rewrite the Secrets: kubectl get secrets -A -o json | kubectl replace -f -.',
    example: nodeReportExample(
      'cp-1',
      'control-plane, worker',
      [],
      [
        'components: [{name: kube-apiserver, pid: 2107, flags: {encryption-provider-config: /etc/kubernetes/enc/encryption.yaml}}]',
        'encryption:',
        '  path: /etc/kubernetes/enc/encryption.yaml',
        '  source: kube-apiserver --encryption-provider-config',
        '  resources: [{resources: [secrets], providers: [identity, aescbc]}]',
      ],
    ),
    references: ['CIS Kubernetes Benchmark 1.2.28', 'https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/'],
  },
  scope: 'control-plane',
  noSubjects: NO_APISERVER,
  subjectsOf: encryptionSubjectOf,
  evaluate(subject, ctx) {
    const found = secretsEntry(subject, ctx);
    if (!found) return;
    const { entry, data } = found;
    const first = entry.providers[0] ?? 'identity';
    if (!STRONG.includes(first))
      ctx.report({
        messageId: 'weakProvider',
        path: data.path,
        observed: entry.providers.join(', ') || 'no provider',
        expected: `${STRONG.join(', ')} first`,
        data: { ...data, provider: first, providers: entry.providers.join(', ') },
      });
  },
});

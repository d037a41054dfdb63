import type { NodeReport } from '../src/core/node-report.js';
import { nodeReportExample } from './_shared/node-files.js';
import { apiserverFileSubject, componentOf, NO_APISERVER, nodeHostCheck } from './_shared/node-host.js';

/** Providers that encrypt with a strong cipher, as CIS 1.2.28 lists them. */
const STRONG = ['aescbc', 'kms', 'secretbox'];
/** EncryptionConfiguration resource names that cover Secrets: the resource itself or a wildcard of its (core) group. */
const COVERS_SECRETS = ['secrets', '*.', '*.*'];

interface Subject {
  node: string;
  report: NodeReport;
}

export default nodeHostCheck<Subject, 'noConfig' | 'notCovered' | 'weakProvider'>({
  meta: {
    id: 'node-encryption-providers',
    title: 'Secrets are encrypted at rest with aescbc, kms or secretbox',
    description:
      "Encryption at rest protects Secrets in etcd and in its backups. The first provider listed for a resource is the one that encrypts new writes: identity (plain text) or aesgcm first leaves Secrets unprotected or weakly protected. Judged from the EncryptionConfiguration on each control-plane node, as the node agent reduced it (provider types in order per resource list; no key ever leaves the host).",
    severity: 'high',
    messages: {
      noConfig: 'node {{node}}: kube-apiserver runs without --encryption-provider-config: Secrets are stored unencrypted',
      notCovered: 'node {{node}}: {{path}} ({{source}}) has no resource list covering secrets',
      weakProvider: 'node {{node}}: {{path}} ({{source}}) encrypts secrets with {{provider}} first (providers: {{providers}})',
    },
    remediation: 'Write an EncryptionConfiguration whose first provider for secrets is kms (v2), aescbc or secretbox, pass it with --encryption-provider-config, then rewrite the Secrets: kubectl get secrets -A -o json | kubectl replace -f -.',
    example: nodeReportExample('cp-1', 'control-plane, worker', [], [
      'components: [{name: kube-apiserver, pid: 2107, flags: {encryption-provider-config: /etc/kubernetes/enc/encryption.yaml}}]',
      'encryption:',
      '  path: /etc/kubernetes/enc/encryption.yaml',
      '  source: kube-apiserver --encryption-provider-config',
      '  resources: [{resources: [secrets], providers: [identity, aescbc]}]',
    ]),
    references: ['CIS Kubernetes Benchmark 1.2.28', 'https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/'],
  },
  scope: 'control-plane',
  noSubjects: NO_APISERVER,
  subjectsOf: (report) => apiserverFileSubject(report, 'encryption-provider-config', 'encryption', 'the encryption provider configuration', Boolean(report.encryption), () => ({ node: report.node, report })),
  evaluate({ node, report }, ctx) {
    const enc = report.encryption;
    if (!enc) {
      const apiserver = componentOf(report, 'kube-apiserver')!;
      ctx.report({ messageId: 'noConfig', path: `/proc/${apiserver.pid}/cmdline`, observed: '--encryption-provider-config unset', expected: 'set', data: { node } });
      return;
    }
    const entry = enc.resources.find((r) => r.resources.some((name) => COVERS_SECRETS.includes(name)));
    const data = { node, path: enc.path, source: enc.source };
    if (!entry) {
      ctx.report({ messageId: 'notCovered', path: enc.path, observed: enc.resources.map((r) => r.resources.join(',')).join('; ') || 'no resources', expected: 'a resource list including secrets', data });
      return;
    }
    const first = entry.providers[0] ?? 'identity';
    if (!STRONG.includes(first)) ctx.report({ messageId: 'weakProvider', path: enc.path, observed: entry.providers.join(', ') || 'no provider', expected: `${STRONG.join(', ')} first`, data: { ...data, provider: first, providers: entry.providers.join(', ') } });
  },
});

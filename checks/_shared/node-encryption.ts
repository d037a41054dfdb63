/**
 * The encryption provider configuration as the node agent reduced it (provider types in order per
 * resource list, KMS apiVersions): which list covers Secrets, shared by node-encryption-providers
 * (CIS 1.2.28) and node-encryption-kms-v2 (kaudit-hardening).
 */
import type { CheckContext } from '../../src/core/check.js';
import type { EncryptionSummary, NodeReport } from '../../src/core/node-report.js';
import { apiserverFileSubject, cmdlineOf, componentOf, type NodeSubjects } from './node-host.js';

/** EncryptionConfiguration resource names that cover Secrets: the resource itself or a wildcard of its (core) group. */
const COVERS_SECRETS = ['secrets', '*.', '*.*'];

export type SecretsEntry = EncryptionSummary['resources'][number];

/** The resource list that covers Secrets (the first that names them or their group's wildcard). */
export const secretsResources = (enc: EncryptionSummary): SecretsEntry | undefined =>
  enc.resources.find((r) => r.resources.some((name) => COVERS_SECRETS.includes(name)));

export interface EncryptionSubject {
  node: string;
  report: NodeReport;
}

export const ENCRYPTION_MESSAGES = {
  noConfig: 'node {{node}}: kube-apiserver runs without --encryption-provider-config: Secrets are stored unencrypted',
  notCovered: 'node {{node}}: {{path}} ({{source}}) has no resource list covering secrets',
} as const;

/** A control-plane report's one subject: its API server's encryption configuration (or its absence). */
export const encryptionSubjectOf = (report: NodeReport): NodeSubjects<EncryptionSubject> =>
  apiserverFileSubject(
    report,
    'encryption-provider-config',
    'encryption',
    'the encryption provider configuration',
    Boolean(report.encryption),
    () => ({ node: report.node, report }),
  );

/**
 * The resource list that encrypts Secrets; when there is none (no configuration, or no list covering
 * secrets), that is reported as a finding and the result is undefined.
 */
export function secretsEntry(
  { node, report }: EncryptionSubject,
  ctx: CheckContext<'noConfig' | 'notCovered'>,
): { entry: SecretsEntry; data: { node: string; path: string; source: string } } | undefined {
  const enc = report.encryption;
  if (!enc) {
    const apiserver = componentOf(report, 'kube-apiserver');
    ctx.report({
      messageId: 'noConfig',
      path: apiserver ? cmdlineOf(apiserver) : undefined,
      observed: '--encryption-provider-config unset',
      expected: 'set',
      data: { node },
    });
    return undefined;
  }
  const data = { node, path: enc.path, source: enc.source };
  const entry = secretsResources(enc);
  if (!entry)
    ctx.report({
      messageId: 'notCovered',
      path: enc.path,
      observed: enc.resources.map((r) => r.resources.join(',')).join('; ') || 'no resources',
      expected: 'a resource list including secrets',
      data,
    });
  return entry ? { entry, data } : undefined;
}

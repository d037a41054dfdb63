import { defineCheck } from '../src/core/check.js';
import type { InventoryKey } from '../src/core/inventory.js';
import { clusterRef, clusterSubject, listed, type ClusterSubject } from './_shared/cluster.js';
import { podSpecSubjects, POD_SPEC_KEYS } from './_shared/workloads.js';

const OPTIONAL: InventoryKey[] = ['externalSecrets', 'secretStores', 'clusterSecretStores', 'secretProviderClasses', 'sealedSecrets'];
/** Vault Agent Injector and similar sidecar injectors, by pod template annotation. */
const INJECTOR_ANNOTATIONS: [string, string][] = [
  ['vault.hashicorp.com/agent-inject', 'Vault Agent Injector'],
  ['inject.doppler.com/enabled', 'Doppler'],
  ['secrets-injector.cyberark.com/inject', 'CyberArk Conjur'],
];

export default defineCheck({
  meta: {
    id: 'secrets-external-manager',
    title: 'Secrets come from an external secret manager',
    description:
      'Secrets written into manifests or created by hand live only in etcd (base64, encrypted only if encryption at rest is set), are hard to rotate and easy to leak through Git. An external manager (Vault, a cloud secret manager) with an operator that syncs or mounts them gives rotation, audit and one source of truth. Rule: passes when any of these is in use: External Secrets Operator (ExternalSecret, SecretStore, ClusterSecretStore), the Secrets Store CSI driver (SecretProviderClass), Sealed Secrets (SealedSecret: encrypted in Git), or a secret-injecting sidecar (Vault Agent Injector annotations on a pod template). Kinds not served count as absent; kinds that could not be read make it not assessed. Evidence for CIS 5.4.2.',
    severity: 'medium',
    requires: [...OPTIONAL, ...POD_SPEC_KEYS],
    judgesAbsence: OPTIONAL,
    messages: { none: 'No external secret manager is in use ({{evidence}})' },
    remediation:
      'Keep secrets in an external manager (Vault, AWS Secrets Manager, Google Secret Manager, Azure Key Vault) and deliver them with External Secrets Operator or the Secrets Store CSI driver; at least encrypt them in Git with Sealed Secrets or SOPS.',
    references: ['CIS Kubernetes Benchmark 5.4.2', 'https://external-secrets.io/', 'https://secrets-store-csi-driver.sigs.k8s.io/'],
    example: `apiVersion: v1
kind: Secret
metadata: {name: db, namespace: shop}
type: Opaque
stringData: {password: written-by-hand}`,
  },
  select(inv) {
    const inUse = OPTIONAL.filter((k) => inv[k as 'externalSecrets'].length);
    if (inUse.length) return [];
    const injected = podSpecSubjects(inv).flatMap((s) =>
      INJECTOR_ANNOTATIONS.filter(([a]) => String(s.meta.annotations?.[a] ?? '').toLowerCase() === 'true').map(([, name]) => name),
    );
    if (injected.length) return [];
    const served = OPTIONAL.filter((k) => inv.served[k as 'externalSecrets'] !== undefined);
    const evidence = served.length
      ? `served without objects: ${listed(served)}; no injector annotations`
      : 'External Secrets, Secrets Store CSI and Sealed Secrets not installed; no injector annotations';
    return [clusterSubject(evidence)];
  },
  resourceOf: () => clusterRef(),
  evaluate(s: ClusterSubject<string>, ctx) {
    ctx.report({
      messageId: 'none',
      data: { evidence: s.facts },
      observed: s.facts,
      expected: 'ExternalSecrets, SecretProviderClasses, SealedSecrets or injected secrets in use',
    });
  },
});

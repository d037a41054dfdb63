import { defineCheck } from '../src/core/check.js';
import type { InventoryKey } from '../src/core/inventory.js';
import { enforcingKyverno, presence } from './_shared/admission.js';
import { clusterRef, clusterSubject, listed, type ClusterSubject } from './_shared/cluster.js';
import { listOf } from './_shared/component-flag-rules.js';

const KEYS: InventoryKey[] = ['kyvernoClusterPolicies', 'kyvernoPolicies', 'clusterImagePolicies', 'namespaces', 'controlPlane'];
/** Namespaces opt in to Sigstore policy-controller with this label. */
const SIGSTORE_INCLUDE = 'policy.sigstore.dev/include';

export default defineCheck({
  meta: {
    id: 'image-signature-policy',
    title: 'Image signatures are verified at admission, in enforcing mode',
    description:
      'Only signed images from trusted builders should run; that holds only if admission verifies signatures and rejects what fails. Rule: passes when a Kyverno policy has a verifyImages rule in Enforce, when a Sigstore policy-controller ClusterImagePolicy not in warn mode exists and at least one namespace opts in (label policy.sigstore.dev/include=true), or when kube-apiserver enables the ImagePolicyWebhook admission plugin. Otherwise it fails, with what was found. Kinds not served count as absent; kinds that could not be read make it not assessed. Evidence for CIS 5.5.1.',
    severity: 'high',
    requires: KEYS,
    judgesAbsence: ['kyvernoClusterPolicies', 'kyvernoPolicies', 'clusterImagePolicies'],
    messages: { noVerification: 'No admission control verifies image signatures in enforcing mode ({{evidence}})' },
    remediation:
      'Sign images in CI (cosign, Notation), then enforce verification at admission: a Kyverno verifyImages rule with failureAction Enforce, or Sigstore policy-controller with a ClusterImagePolicy and the policy.sigstore.dev/include=true label on application namespaces.',
    references: [
      'CIS Kubernetes Benchmark 5.5.1',
      'https://kyverno.io/docs/policy-types/cluster-policy/verify-images/',
      'https://docs.sigstore.dev/policy-controller/overview/',
      'NSA/CISA Kubernetes Hardening Guide: image scanning and signing',
    ],
    example: `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: verify-signatures}
spec:
  validationFailureAction: Audit
  rules:
  - name: cosign
    match: {any: [{resources: {kinds: [Pod]}}]}
    verifyImages: [{imageReferences: ['registry.example.com/*'], attestors: [{entries: [{keys: {publicKeys: '...'}}]}]}]`,
  },
  select(inv) {
    if (enforcingKyverno(inv, 'verifyImages').length) return [];
    const cips = inv.clusterImagePolicies.filter((p) => p.spec?.mode !== 'warn');
    const optedIn = inv.namespaces.filter((n) => n.metadata.labels?.[SIGSTORE_INCLUDE] === 'true').map((n) => n.metadata.name);
    if (cips.length && optedIn.length) return [];
    const webhook = inv.controlPlane.some(
      (c) => c.component === 'kube-apiserver' && listOf(c.flags['enable-admission-plugins']).includes('ImagePolicyWebhook'),
    );
    if (webhook) return [];
    const kyverno = presence(inv, ['kyvernoClusterPolicies', 'kyvernoPolicies'], 'Kyverno');
    const sigstore = presence(inv, ['clusterImagePolicies'], 'policy-controller');
    const evidence = [
      `${kyverno}${inv.kyvernoClusterPolicies.length + inv.kyvernoPolicies.length ? ', none with an enforcing verifyImages rule' : ''}`,
      `${sigstore}${inv.clusterImagePolicies.length ? (cips.length ? `, no namespace labelled ${SIGSTORE_INCLUDE}=true` : ', all in warn mode') : ''}`,
      'ImagePolicyWebhook not enabled',
    ];
    return [clusterSubject({ evidence: evidence.join('; '), optedIn: listed(optedIn) })];
  },
  resourceOf: () => clusterRef(),
  evaluate(s: ClusterSubject<{ evidence: string }>, ctx) {
    ctx.report({
      messageId: 'noVerification',
      data: { evidence: s.facts.evidence },
      observed: s.facts.evidence,
      expected: 'an enforcing signature-verification policy',
    });
  },
});

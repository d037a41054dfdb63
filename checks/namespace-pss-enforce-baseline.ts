import { namespaceEnforceCheck } from './_shared/pss-check.js';

export default namespaceEnforceCheck({
  id: 'namespace-pss-enforce-baseline',
  level: 'baseline',
  title: 'Namespaces enforce at least the baseline Pod Security Standard',
  description:
    'Pod Security Admission rejects pods that violate the level a namespace names in its pod-security.kubernetes.io/enforce label. A namespace without the label (or labelled privileged) admits privileged containers, host namespaces and hostPath volumes unless a cluster-wide default (AdmissionConfiguration, which the API does not expose) says otherwise. Each failing namespace also gets a what-if: the workloads in it whose pods would be rejected if it enforced baseline, at its enforce-version label or else the pssVersion option. kube-system, kube-public and kube-node-lease are skipped by default (option skipNamespaces).',
  severity: 'high',
  remediation:
    'Fix the workloads the finding names, then label the namespace: kubectl label namespace <ns> pod-security.kubernetes.io/enforce=baseline (or restricted), optionally pinning pod-security.kubernetes.io/enforce-version. Try it first with the warn and audit labels, or kubectl label --dry-run=server.',
  example: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: privileged`,
});

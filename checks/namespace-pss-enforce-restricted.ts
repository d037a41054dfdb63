import { namespaceEnforceCheck } from './_shared/pss-check.js';

export default namespaceEnforceCheck({
  id: 'namespace-pss-enforce-restricted',
  level: 'restricted',
  title: 'Namespaces enforce the restricted Pod Security Standard',
  description:
    'Pod Security Admission rejects pods that violate the level a namespace names in its pod-security.kubernetes.io/enforce label. Only restricted requires non-root users, dropped capabilities, no privilege escalation and a seccomp profile. A namespace without the label, or labelled privileged or baseline, fails (a cluster-wide default in the AdmissionConfiguration is not visible through the API). Each failing namespace gets a what-if: the workloads in it whose pods would be rejected if it enforced restricted, at its enforce-version label or else the pssVersion option, so the effort of switching is known. kube-system, kube-public and kube-node-lease are skipped by default (option skipNamespaces).',
  severity: 'medium',
  remediation:
    'Bring the workloads the finding names up to restricted (runAsNonRoot, allowPrivilegeEscalation: false, capabilities.drop: [ALL], seccompProfile RuntimeDefault), then label the namespace: kubectl label namespace <ns> pod-security.kubernetes.io/enforce=restricted. Use the warn and audit labels first to find stragglers.',
  example: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: baseline`,
});

import { flagsSet } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-apiserver',
  rule: flagsSet('audit-policy-file'),
  meta: {
    id: 'apiserver-audit-policy-file',
    title: 'The API server has an audit policy',
    description:
      'Without --audit-policy-file the API server records no audit events at all, whatever backend is configured. Fails when --audit-policy-file is unset. Whether the policy covers the right requests (CIS 3.2.2) needs the file itself, which kaudit cannot read.',
    severity: 'medium',
    remediation: `Write an audit policy (audit.k8s.io/v1 Policy: Metadata level for Secrets, ConfigMaps and TokenReviews, RequestResponse for RBAC and pods/exec) and set --audit-policy-file=/etc/kubernetes/audit/policy.yaml in the kube-apiserver static pod manifest (${manifestPath('kube-apiserver')} on kubeadm control-plane nodes), mounting the file into the pod.`,
    references: ['CIS Kubernetes Benchmark 3.2.1', 'https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#audit-policy'],
    example: staticPodExample('kube-apiserver', ['--audit-log-path=/var/log/kubernetes/audit/audit.log']),
  },
});

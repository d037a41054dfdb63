import { flagsSet } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-apiserver',
  rule: flagsSet('audit-log-path'),
  meta: {
    id: 'apiserver-audit-log-path',
    title: 'The API server writes an audit log',
    description:
      'The audit log is the record of who did what through the API: without it there is no trail to investigate an incident or show an auditor. Fails when --audit-log-path is unset (no log backend). An audit webhook backend alone is not counted; set the path too, or waive with the webhook documented.',
    severity: 'medium',
    remediation: `Set --audit-log-path=/var/log/kubernetes/audit/audit.log and --audit-policy-file in the kube-apiserver static pod manifest (${manifestPath('kube-apiserver')} on kubeadm control-plane nodes), with hostPath mounts for the policy file and the log directory, and ship the log off the node.`,
    references: ['CIS Kubernetes Benchmark 1.2.16', 'https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#log-backend'],
    example: staticPodExample('kube-apiserver', ['--audit-policy-file=/etc/kubernetes/audit/policy.yaml']),
  },
});

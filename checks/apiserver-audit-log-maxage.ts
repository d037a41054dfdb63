import { flagAtLeast } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-apiserver',
  rule: flagAtLeast('audit-log-maxage', 30, 0),
  meta: {
    id: 'apiserver-audit-log-maxage',
    title: 'Audit log files are kept for at least 30 days',
    description:
      'Investigations often start weeks after the fact. --audit-log-maxage is the number of days rotated audit files are kept on the node. Fails when it is unset or below 30, as CIS asks; a shorter value is fine when the log is shipped to longer-term storage (waive the control with that reason).',
    severity: 'medium',
    remediation: `Set --audit-log-maxage=30 (or more) in the kube-apiserver static pod manifest (${manifestPath('kube-apiserver')} on kubeadm control-plane nodes).`,
    references: ['CIS Kubernetes Benchmark 1.2.17', 'https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#log-backend'],
    example: staticPodExample('kube-apiserver', ['--audit-log-path=/var/log/kubernetes/audit/audit.log', '--audit-log-maxage=7']),
  },
});

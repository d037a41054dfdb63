import { flagAtLeast } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-apiserver',
  rule: flagAtLeast('audit-log-maxsize', 100, 0),
  meta: {
    id: 'apiserver-audit-log-maxsize',
    title: 'Audit log files rotate at 100 MB or more',
    description:
      '--audit-log-maxsize is the size in megabytes at which the audit log rotates. Small files rotate often and, with a bounded number of backups, lose history quickly. Fails when it is unset or below 100, as CIS asks.',
    severity: 'medium',
    remediation: `Set --audit-log-maxsize=100 (or more) in the kube-apiserver static pod manifest (${manifestPath('kube-apiserver')} on kubeadm control-plane nodes).`,
    references: ['CIS Kubernetes Benchmark 1.2.19', 'https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#log-backend'],
    example: staticPodExample('kube-apiserver', ['--audit-log-path=/var/log/kubernetes/audit/audit.log', '--audit-log-maxsize=10']),
  },
});

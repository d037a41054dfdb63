import { flagAtLeast } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-apiserver',
  rule: flagAtLeast('audit-log-maxbackup', 10, 0),
  meta: {
    id: 'apiserver-audit-log-maxbackup',
    title: 'At least 10 rotated audit log files are kept',
    description:
      '--audit-log-maxbackup is the number of rotated audit files kept on the node. Fails when it is unset or below 10, as CIS asks (0, the default, keeps all of them by count, but CIS wants the retention stated).',
    severity: 'medium',
    remediation: `Set --audit-log-maxbackup=10 (or more) in the kube-apiserver static pod manifest (${manifestPath('kube-apiserver')} on kubeadm control-plane nodes).`,
    references: ['CIS Kubernetes Benchmark 1.2.18', 'https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#log-backend'],
    example: staticPodExample('kube-apiserver', ['--audit-log-path=/var/log/kubernetes/audit/audit.log', '--audit-log-maxbackup=3']),
  },
});

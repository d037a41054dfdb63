import { loopbackAddress } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-scheduler',
  rule: loopbackAddress('bind-address', '0.0.0.0'),
  meta: {
    id: 'scheduler-bind-address',
    title: 'The scheduler serves only on localhost',
    description:
      "The scheduler's HTTPS endpoint (health, metrics, profiling) listens on all interfaces by default (--bind-address 0.0.0.0), reachable from every pod and host that can route to the control-plane node. Fails when --bind-address is unset or not a loopback address.",
    severity: 'medium',
    remediation: `Set --bind-address=127.0.0.1 in the kube-scheduler static pod manifest (${manifestPath('kube-scheduler')} on kubeadm control-plane nodes).`,
    references: ['CIS Kubernetes Benchmark 1.4.2', 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-scheduler/'],
    example: staticPodExample('kube-scheduler', ['--kubeconfig=/etc/kubernetes/scheduler.conf', '--bind-address=0.0.0.0']),
  },
});

import { loopbackAddress } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-controller-manager',
  rule: loopbackAddress('bind-address', '0.0.0.0'),
  meta: {
    id: 'controller-manager-bind-address',
    title: 'The controller manager serves only on localhost',
    description:
      "The controller manager's HTTPS endpoint (health, metrics, profiling) listens on all interfaces by default (--bind-address 0.0.0.0), reachable from every pod and host that can route to the control-plane node. Fails when --bind-address is unset or not a loopback address.",
    severity: 'medium',
    remediation: `Set --bind-address=127.0.0.1 in the kube-controller-manager static pod manifest (${manifestPath('kube-controller-manager')} on kubeadm control-plane nodes); scrape metrics through a local proxy if needed.`,
    references: [
      'CIS Kubernetes Benchmark 1.3.7',
      'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/',
    ],
    example: staticPodExample('kube-controller-manager', ['--bind-address=0.0.0.0']),
  },
});

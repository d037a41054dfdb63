import { flagBool } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-controller-manager',
  rule: flagBool('profiling', false, true),
  meta: {
    id: 'controller-manager-profiling',
    title: 'Controller manager profiling is disabled',
    description:
      'With profiling on (the default), the controller manager serves /debug/pprof profiles of the process to authorized clients: program details useful to an attacker and an easy source of load. Fails when --profiling is unset or true.',
    severity: 'medium',
    remediation: `Set --profiling=false in the kube-controller-manager static pod manifest (${manifestPath('kube-controller-manager')} on kubeadm control-plane nodes).`,
    references: [
      'CIS Kubernetes Benchmark 1.3.2',
      'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/',
    ],
    example: staticPodExample('kube-controller-manager', ['--kubeconfig=/etc/kubernetes/controller-manager.conf']),
  },
});

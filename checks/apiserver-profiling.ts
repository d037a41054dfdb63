import { flagBool } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-apiserver',
  rule: flagBool('profiling', false, true),
  meta: {
    id: 'apiserver-profiling',
    title: 'API server profiling is disabled',
    description:
      'With profiling on (the default), /debug/pprof exposes heap, goroutine and CPU profiles of the API server to anyone authorized for that non-resource URL: details of the program and its load that help an attacker, and an easy way to add load. Fails when --profiling is unset or true.',
    severity: 'medium',
    remediation: `Set --profiling=false in the kube-apiserver static pod manifest (${manifestPath('kube-apiserver')} on kubeadm control-plane nodes).`,
    references: ['CIS Kubernetes Benchmark 1.2.15', 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/'],
    example: staticPodExample('kube-apiserver', ['--authorization-mode=Node,RBAC']),
  },
});

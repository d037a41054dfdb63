import { flagBool } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-scheduler',
  rule: flagBool('profiling', false, true),
  // --profiling is ignored when a KubeSchedulerConfiguration file is given (its enableProfiling decides).
  configFile: { flag: 'config', what: 'scheduler profiling' },
  meta: {
    id: 'scheduler-profiling',
    title: 'Scheduler profiling is disabled',
    description:
      'With profiling on (the default), the scheduler serves /debug/pprof profiles of the process to authorized clients: program details useful to an attacker and an easy source of load. Fails when --profiling is unset or true. When the scheduler reads a --config file (KubeSchedulerConfiguration, where enableProfiling decides and the flag is ignored) the check is not assessed, as kaudit cannot read the file.',
    severity: 'medium',
    remediation: `Set --profiling=false in the kube-scheduler static pod manifest (${manifestPath('kube-scheduler')} on kubeadm control-plane nodes), or enableProfiling: false in its KubeSchedulerConfiguration file.`,
    references: ['CIS Kubernetes Benchmark 1.4.1', 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-scheduler/'],
    example: staticPodExample('kube-scheduler', ['--kubeconfig=/etc/kubernetes/scheduler.conf', '--bind-address=127.0.0.1']),
  },
});

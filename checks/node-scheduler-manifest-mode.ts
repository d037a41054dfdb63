import { nodeFileCheck } from './_shared/node-files.js';

export default nodeFileCheck({
  meta: {
    id: 'node-scheduler-manifest-mode',
    title: 'Scheduler pod specification file has permissions 600 or stricter',
    description:
      'The static pod manifest defines the scheduler\'s flags and mounts; whoever can write it decides where every pod runs. Fails when a file has a permission bit beyond 600 ("600 or more restrictive", as CIS words it). Read from the node agent\'s report.',
    severity: 'high',
    remediation: 'chmod 600 <path> on each node named in a finding (the path and where it came from are in the evidence).',
    references: ['CIS Kubernetes Benchmark 1.1.5', 'docs/node-agent.md'],
  },
  scope: 'control-plane',
  roles: ['scheduler-manifest'],
  what: 'the scheduler pod specification file',
  examplePath: '/etc/kubernetes/manifests/kube-scheduler.yaml',
  rule: { mode: 0o600 },
});

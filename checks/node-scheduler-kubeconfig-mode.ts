import { nodeFileCheck } from './_shared/node-files.js';

export default nodeFileCheck({
  meta: {
    id: 'node-scheduler-kubeconfig-mode',
    title: 'scheduler.conf has permissions 600 or stricter',
    description:
      'The scheduler\'s kubeconfig holds its client credentials (system:kube-scheduler). Fails when a file has a permission bit beyond 600 ("600 or more restrictive", as CIS words it). Read from the node agent\'s report.',
    severity: 'high',
    remediation: 'chmod 600 <path> on each node named in a finding (the path and where it came from are in the evidence).',
    references: ['CIS Kubernetes Benchmark 1.1.15', 'docs/node-agent.md'],
  },
  scope: 'control-plane',
  roles: ['scheduler-kubeconfig'],
  what: 'the scheduler kubeconfig',
  examplePath: '/etc/kubernetes/scheduler.conf',
  rule: { mode: 0o600 },
});

import { nodeFileCheck } from './_shared/node-files.js';

export default nodeFileCheck({
  meta: {
    id: 'node-scheduler-manifest-owner',
    title: 'Scheduler pod specification file is owned by root:root',
    description:
      "The static pod manifest defines the scheduler's flags and mounts; only root may own it. Fails when a file is not owned by root:root. Read from the node agent's report.",
    severity: 'high',
    remediation: 'chown root:root <path> on each node named in a finding (the path and where it came from are in the evidence).',
    references: ['CIS Kubernetes Benchmark 1.1.6', 'docs/node-agent.md'],
  },
  scope: 'control-plane',
  roles: ['scheduler-manifest'],
  what: 'the scheduler pod specification file',
  examplePath: '/etc/kubernetes/manifests/kube-scheduler.yaml',
  rule: { owner: 'root:root' },
});

import { nodeFileCheck } from './_shared/node-files.js';

export default nodeFileCheck({
  meta: {
    id: 'node-kubelet-config-owner',
    title: 'kubelet config.yaml is owned by root:root',
    description:
      "The kubelet configuration file sets authentication and authorization; only root may own it. Fails when a file is not owned by root:root. Read from the node agent's report.",
    severity: 'high',
    remediation: 'chown root:root <path> on each node named in a finding (the path and where it came from are in the evidence).',
    references: ['CIS Kubernetes Benchmark 4.1.10', 'docs/node-agent.md'],
  },
  scope: 'worker',
  roles: ['kubelet-config'],
  what: 'a kubelet configuration file',
  examplePath: '/var/lib/kubelet/config.yaml',
  rule: { owner: 'root:root' },
});

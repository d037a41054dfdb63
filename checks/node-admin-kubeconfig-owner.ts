import { nodeFileCheck } from './_shared/node-files.js';

export default nodeFileCheck({
  meta: {
    id: 'node-admin-kubeconfig-owner',
    title: 'admin.conf and super-admin.conf are owned by root:root',
    description:
      "admin.conf and super-admin.conf hold cluster-admin client credentials; only root may own them. Fails when a file is not owned by root:root. Read from the node agent's report.",
    severity: 'high',
    remediation: 'chown root:root <path> on each node named in a finding (the path and where it came from are in the evidence).',
    references: ['CIS Kubernetes Benchmark 1.1.14', 'docs/node-agent.md'],
  },
  scope: 'control-plane',
  roles: ['admin-kubeconfig'],
  what: 'admin.conf or super-admin.conf',
  examplePath: '/etc/kubernetes/admin.conf',
  rule: { owner: 'root:root' },
});

import { nodeFileCheck } from './_shared/node-files.js';

export default nodeFileCheck({
  meta: {
    id: 'node-admin-kubeconfig-mode',
    title: 'admin.conf and super-admin.conf have permissions 600 or stricter',
    description:
      'admin.conf and super-admin.conf hold cluster-admin (super-admin: system:masters) client credentials. Fails when a file has a permission bit beyond 600 ("600 or more restrictive", as CIS words it). Read from the node agent\'s report.',
    severity: 'high',
    remediation: 'chmod 600 <path> on each node named in a finding (the path and where it came from are in the evidence).',
    references: ['CIS Kubernetes Benchmark 1.1.13', 'docs/node-agent.md'],
  },
  scope: 'control-plane',
  roles: ['admin-kubeconfig'],
  what: 'admin.conf or super-admin.conf',
  examplePath: '/etc/kubernetes/admin.conf',
  rule: { mode: 0o600 },
});

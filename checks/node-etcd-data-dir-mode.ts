import { nodeFileCheck } from './_shared/node-files.js';

export default nodeFileCheck({
  meta: {
    id: 'node-etcd-data-dir-mode',
    title: 'etcd data directory has permissions 700 or stricter',
    description:
      'The etcd data directory holds the whole cluster state, Secrets included, unencrypted unless an encryption provider is configured. Fails when a file has a permission bit beyond 700 ("700 or more restrictive", as CIS words it). Read from the node agent\'s report.',
    severity: 'high',
    remediation: 'chmod 700 <path> on each node named in a finding (the path and where it came from are in the evidence).',
    references: ['CIS Kubernetes Benchmark 1.1.11', 'docs/node-agent.md'],
  },
  scope: 'control-plane',
  roles: ['etcd-data-dir'],
  what: 'an etcd data directory',
  examplePath: '/var/lib/etcd',
  rule: { mode: 0o700 },
});

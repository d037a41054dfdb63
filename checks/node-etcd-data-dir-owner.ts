import { nodeFileCheck } from './_shared/node-files.js';

export default nodeFileCheck({
  meta: {
    id: 'node-etcd-data-dir-owner',
    title: 'etcd data directory is owned by etcd:etcd',
    description:
      "The etcd data directory holds the whole cluster state; CIS wants it owned by the dedicated etcd user and group (kubeadm leaves it root-owned, which fails here as kube-bench fails it). Fails when a file is not owned by etcd:etcd. Read from the node agent's report.",
    severity: 'high',
    remediation: 'chown etcd:etcd <path> on each node named in a finding (the path and where it came from are in the evidence).',
    references: ['CIS Kubernetes Benchmark 1.1.12', 'docs/node-agent.md'],
  },
  scope: 'control-plane',
  roles: ['etcd-data-dir'],
  what: 'an etcd data directory',
  examplePath: '/var/lib/etcd',
  rule: { owner: 'etcd:etcd' },
});

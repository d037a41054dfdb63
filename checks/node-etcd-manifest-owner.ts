import { nodeFileCheck } from './_shared/node-files.js';

export default nodeFileCheck({
  meta: {
    id: 'node-etcd-manifest-owner',
    title: 'etcd pod specification file is owned by root:root',
    description:
      "The static pod manifest defines etcd's flags and data directory; only root may own it. Fails when a file is not owned by root:root. Read from the node agent's report.",
    severity: 'high',
    remediation: 'chown root:root <path> on each node named in a finding (the path and where it came from are in the evidence).',
    references: ['CIS Kubernetes Benchmark 1.1.8', 'docs/node-agent.md'],
  },
  scope: 'control-plane',
  roles: ['etcd-manifest'],
  what: 'the etcd pod specification file',
  examplePath: '/etc/kubernetes/manifests/etcd.yaml',
  rule: { owner: 'root:root' },
});

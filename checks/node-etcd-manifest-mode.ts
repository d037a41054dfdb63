import { nodeFileCheck } from './_shared/node-files.js';

export default nodeFileCheck({
  meta: {
    id: 'node-etcd-manifest-mode',
    title: 'etcd pod specification file has permissions 600 or stricter',
    description:
      'The static pod manifest defines etcd\'s flags and data directory; whoever can write it reads every Secret in the cluster. Fails when a file has a permission bit beyond 600 ("600 or more restrictive", as CIS words it). Read from the node agent\'s report.',
    severity: 'high',
    remediation: 'chmod 600 <path> on each node named in a finding (the path and where it came from are in the evidence).',
    references: ['CIS Kubernetes Benchmark 1.1.7', 'docs/node-agent.md'],
  },
  scope: 'control-plane',
  roles: ['etcd-manifest'],
  what: 'the etcd pod specification file',
  examplePath: '/etc/kubernetes/manifests/etcd.yaml',
  rule: { mode: 0o600 },
});

import { nodeFileCheck } from './_shared/node-files.js';

export default nodeFileCheck({
  meta: {
    id: 'node-apiserver-manifest-owner',
    title: 'API server pod specification file is owned by root:root',
    description:
      "The static pod manifest defines the API server's flags, mounts and image; only root may own it. Fails when a file is not owned by root:root. Read from the node agent's report.",
    severity: 'high',
    remediation: 'chown root:root <path> on each node named in a finding (the path and where it came from are in the evidence).',
    references: ['CIS Kubernetes Benchmark 1.1.2', 'docs/node-agent.md'],
  },
  scope: 'control-plane',
  roles: ['apiserver-manifest'],
  what: 'the API server pod specification file',
  examplePath: '/etc/kubernetes/manifests/kube-apiserver.yaml',
  rule: { owner: 'root:root' },
});

import { nodeFileCheck } from './_shared/node-files.js';

export default nodeFileCheck({
  meta: {
    id: 'node-controller-manager-manifest-owner',
    title: 'Controller manager pod specification file is owned by root:root',
    description:
      "The static pod manifest defines the controller manager's flags; only root may own it. Fails when a file is not owned by root:root. Read from the node agent's report.",
    severity: 'high',
    remediation: 'chown root:root <path> on each node named in a finding (the path and where it came from are in the evidence).',
    references: ['CIS Kubernetes Benchmark 1.1.4', 'docs/node-agent.md'],
  },
  scope: 'control-plane',
  roles: ['controller-manager-manifest'],
  what: 'the controller manager pod specification file',
  examplePath: '/etc/kubernetes/manifests/kube-controller-manager.yaml',
  rule: { owner: 'root:root' },
});

import { nodeFileCheck } from './_shared/node-files.js';

export default nodeFileCheck({
  meta: {
    id: 'node-controller-manager-kubeconfig-owner',
    title: 'controller-manager.conf is owned by root:root',
    description:
      "The controller manager's kubeconfig holds its client credentials; only root may own it. Fails when a file is not owned by root:root. Read from the node agent's report.",
    severity: 'high',
    remediation: 'chown root:root <path> on each node named in a finding (the path and where it came from are in the evidence).',
    references: ['CIS Kubernetes Benchmark 1.1.18', 'docs/node-agent.md'],
  },
  scope: 'control-plane',
  roles: ['controller-manager-kubeconfig'],
  what: 'the controller manager kubeconfig',
  examplePath: '/etc/kubernetes/controller-manager.conf',
  rule: { owner: 'root:root' },
});

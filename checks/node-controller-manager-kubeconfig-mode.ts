import { nodeFileCheck } from './_shared/node-files.js';

export default nodeFileCheck({
  meta: {
    id: 'node-controller-manager-kubeconfig-mode',
    title: 'controller-manager.conf has permissions 600 or stricter',
    description:
      'The controller manager\'s kubeconfig holds its client credentials (system:kube-controller-manager, which reads every Secret). Fails when a file has a permission bit beyond 600 ("600 or more restrictive", as CIS words it). Read from the node agent\'s report.',
    severity: 'high',
    remediation: 'chmod 600 <path> on each node named in a finding (the path and where it came from are in the evidence).',
    references: ['CIS Kubernetes Benchmark 1.1.17', 'docs/node-agent.md'],
  },
  scope: 'control-plane',
  roles: ['controller-manager-kubeconfig'],
  what: 'the controller manager kubeconfig',
  examplePath: '/etc/kubernetes/controller-manager.conf',
  rule: { mode: 0o600 },
});

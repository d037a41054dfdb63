import { nodeFileCheck } from './_shared/node-files.js';

export default nodeFileCheck({
  meta: {
    id: 'node-kubelet-kubeconfig-owner',
    title: 'kubelet.conf is owned by root:root',
    description:
      "The kubelet's kubeconfig holds its client credentials; only root may own it. Fails when a file is not owned by root:root. Read from the node agent's report.",
    severity: 'high',
    remediation: 'chown root:root <path> on each node named in a finding (the path and where it came from are in the evidence).',
    references: ['CIS Kubernetes Benchmark 4.1.6', 'docs/node-agent.md'],
  },
  scope: 'worker',
  roles: ['kubelet-kubeconfig'],
  what: 'the kubelet kubeconfig',
  examplePath: '/etc/kubernetes/kubelet.conf',
  rule: { owner: 'root:root' },
});

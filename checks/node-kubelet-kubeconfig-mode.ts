import { nodeFileCheck } from './_shared/node-files.js';

export default nodeFileCheck({
  meta: {
    id: 'node-kubelet-kubeconfig-mode',
    title: 'kubelet.conf has permissions 600 or stricter',
    description:
      'The kubelet\'s kubeconfig holds its client certificate (system:node:<name>), which reads the Secrets of every pod on the node. Fails when a file has a permission bit beyond 600 ("600 or more restrictive", as CIS words it). Read from the node agent\'s report.',
    severity: 'high',
    remediation: 'chmod 600 <path> on each node named in a finding (the path and where it came from are in the evidence).',
    references: ['CIS Kubernetes Benchmark 4.1.5', 'docs/node-agent.md'],
  },
  scope: 'worker',
  roles: ['kubelet-kubeconfig'],
  what: 'the kubelet kubeconfig',
  examplePath: '/etc/kubernetes/kubelet.conf',
  rule: { mode: 0o600 },
});

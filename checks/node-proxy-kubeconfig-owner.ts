import { nodeFileCheck } from './_shared/node-files.js';

export default nodeFileCheck({
  meta: {
    id: 'node-proxy-kubeconfig-owner',
    title: 'kube-proxy kubeconfig file is owned by root:root (if present)',
    description:
      "The kube-proxy kubeconfig holds its client credentials; only root may own it. Fails when a file is not owned by root:root. Read from the node agent's report. A file that does not exist is not a finding.",
    severity: 'high',
    remediation: 'chown root:root <path> on each node named in a finding (the path and where it came from are in the evidence).',
    references: ['CIS Kubernetes Benchmark 4.1.4', 'docs/node-agent.md'],
  },
  scope: 'worker',
  roles: ['proxy-kubeconfig'],
  what: 'a kube-proxy kubeconfig file on the host',
  examplePath: '/var/lib/kube-proxy/kubeconfig.conf',
  rule: { owner: 'root:root' },
  optional: true,
});

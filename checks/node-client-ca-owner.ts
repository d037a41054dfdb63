import { nodeFileCheck } from './_shared/node-files.js';

export default nodeFileCheck({
  meta: {
    id: 'node-client-ca-owner',
    title: 'kubelet client CA file is owned by root:root',
    description:
      "The kubelet trusts every client certificate signed by this CA; only root may own it. Fails when a file is not owned by root:root. Read from the node agent's report.",
    severity: 'high',
    remediation: 'chown root:root <path> on each node named in a finding (the path and where it came from are in the evidence).',
    references: ['CIS Kubernetes Benchmark 4.1.8', 'docs/node-agent.md'],
  },
  scope: 'worker',
  roles: ['kubelet-client-ca'],
  what: 'the kubelet client CA file',
  examplePath: '/etc/kubernetes/pki/ca.crt',
  rule: { owner: 'root:root' },
});

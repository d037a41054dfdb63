import { nodeFileCheck } from './_shared/node-files.js';

export default nodeFileCheck({
  meta: {
    id: 'node-cni-files-owner',
    title: 'CNI configuration files are owned by root:root',
    description:
      "The CNI configuration decides how pods are wired to the network; only root may own it. Fails when a file is not owned by root:root. Read from the node agent's report. A file that does not exist is not a finding.",
    severity: 'high',
    remediation: 'chown root:root <path> on each node named in a finding (the path and where it came from are in the evidence).',
    references: ['CIS Kubernetes Benchmark 1.1.10', 'docs/node-agent.md'],
  },
  scope: 'control-plane',
  roles: ['cni'],
  what: 'CNI configuration files',
  examplePath: '/etc/cni/net.d/10-calico.conflist',
  rule: { owner: 'root:root' },
  optional: true,
  filter: (f) => f.type !== 'directory',
});

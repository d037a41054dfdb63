import { nodeFileCheck } from './_shared/node-files.js';

export default nodeFileCheck({
  meta: {
    id: 'node-cni-files-mode',
    title: 'CNI configuration files have permissions 600 or stricter',
    description:
      'The CNI configuration decides how pods are wired to the network (and may carry plugin credentials); a writable one lets a local user reroute pod traffic. Fails when a file has a permission bit beyond 600 ("600 or more restrictive", as CIS words it). Read from the node agent\'s report. A file that does not exist is not a finding.',
    severity: 'high',
    remediation: 'chmod 600 <path> on each node named in a finding (the path and where it came from are in the evidence).',
    references: ['CIS Kubernetes Benchmark 1.1.9', 'docs/node-agent.md'],
  },
  scope: 'control-plane',
  roles: ['cni'],
  what: 'CNI configuration files',
  examplePath: '/etc/cni/net.d/10-calico.conflist',
  rule: { mode: 0o600 },
  optional: true,
  filter: (f) => f.type !== 'directory',
});

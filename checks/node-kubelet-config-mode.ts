import { nodeFileCheck } from './_shared/node-files.js';

export default nodeFileCheck({
  meta: {
    id: 'node-kubelet-config-mode',
    title: 'kubelet config.yaml has permissions 600 or stricter',
    description:
      'The kubelet configuration file sets authentication, authorization and the read-only port; whoever can write it opens the kubelet API. Fails when a file has a permission bit beyond 600 ("600 or more restrictive", as CIS words it). Read from the node agent\'s report.',
    severity: 'high',
    remediation: 'chmod 600 <path> on each node named in a finding (the path and where it came from are in the evidence).',
    references: ['CIS Kubernetes Benchmark 4.1.9', 'docs/node-agent.md'],
  },
  scope: 'worker',
  roles: ['kubelet-config'],
  what: 'a kubelet configuration file',
  examplePath: '/var/lib/kubelet/config.yaml',
  rule: { mode: 0o600 },
});

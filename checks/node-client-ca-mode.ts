import { nodeFileCheck } from './_shared/node-files.js';

export default nodeFileCheck({
  meta: {
    id: 'node-client-ca-mode',
    title: 'kubelet client CA file has permissions 644 or stricter',
    description:
      'The kubelet trusts every client certificate signed by this CA; a writable file lets a local user add a CA of their own. Fails when a file has a permission bit beyond 644 ("644 or more restrictive", as CIS words it). Read from the node agent\'s report.',
    severity: 'high',
    remediation: 'chmod 644 <path> on each node named in a finding (the path and where it came from are in the evidence).',
    references: ['CIS Kubernetes Benchmark 4.1.7', 'docs/node-agent.md'],
  },
  scope: 'worker',
  roles: ['kubelet-client-ca'],
  what: 'the kubelet client CA file',
  examplePath: '/etc/kubernetes/pki/ca.crt',
  rule: { mode: 0o644 },
});

import { nodeFileCheck } from './_shared/node-files.js';

export default nodeFileCheck({
  meta: {
    id: 'node-pki-key-mode',
    title: 'Kubernetes PKI key files have permissions 600 or stricter',
    description:
      'Private keys of the CAs, the API server and the service-account signer: readable, they let anyone impersonate the control plane or sign tokens. Fails when a file has a permission bit beyond 600 ("600 or more restrictive", as CIS words it). Read from the node agent\'s report.',
    severity: 'high',
    remediation: 'chmod 600 <path> on each node named in a finding (the path and where it came from are in the evidence).',
    references: ['CIS Kubernetes Benchmark 1.1.21', 'docs/node-agent.md'],
  },
  scope: 'control-plane',
  roles: ['pki'],
  what: 'PKI key files (*.key)',
  examplePath: '/etc/kubernetes/pki/ca.key',
  rule: { mode: 0o600 },
  filter: (f) => f.path.endsWith('.key'),
});

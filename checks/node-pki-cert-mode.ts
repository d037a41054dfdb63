import { nodeFileCheck } from './_shared/node-files.js';

export default nodeFileCheck({
  meta: {
    id: 'node-pki-cert-mode',
    title: 'Kubernetes PKI certificate files have permissions 644 or stricter',
    description:
      'Certificates are public, but a writable one lets a local user replace a CA the components trust. Fails when a file has a permission bit beyond 644 ("644 or more restrictive", as CIS words it). Read from the node agent\'s report.',
    severity: 'high',
    remediation: 'chmod 644 <path> on each node named in a finding (the path and where it came from are in the evidence).',
    references: ['CIS Kubernetes Benchmark 1.1.20', 'docs/node-agent.md'],
  },
  scope: 'control-plane',
  roles: ['pki'],
  what: 'PKI certificate files (*.crt)',
  examplePath: '/etc/kubernetes/pki/ca.crt',
  rule: { mode: 0o644 },
  filter: (f) => f.path.endsWith('.crt'),
});

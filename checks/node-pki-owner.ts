import { nodeFileCheck } from './_shared/node-files.js';

export default nodeFileCheck({
  meta: {
    id: 'node-pki-owner',
    title: 'Kubernetes PKI directory and files are owned by root:root',
    description:
      "The PKI directory holds the cluster CA, etcd CA, front-proxy CA and service-account signing keys: whoever owns them can mint any identity. Fails when a file is not owned by root:root. Read from the node agent's report.",
    severity: 'high',
    remediation: 'chown root:root <path> on each node named in a finding (the path and where it came from are in the evidence).',
    references: ['CIS Kubernetes Benchmark 1.1.19', 'docs/node-agent.md'],
  },
  scope: 'control-plane',
  roles: ['pki-dir', 'pki'],
  what: 'a Kubernetes PKI directory',
  examplePath: '/etc/kubernetes/pki/ca.crt',
  rule: { owner: 'root:root' },
});

import { nodeFileCheck } from './_shared/node-files.js';

export default nodeFileCheck({
  meta: {
    id: 'node-apiserver-manifest-mode',
    title: 'API server pod specification file has permissions 600 or stricter',
    description:
      'The static pod manifest defines the API server\'s flags, mounts and image; whoever can write it runs arbitrary code as the control plane. Fails when a file has a permission bit beyond 600 ("600 or more restrictive", as CIS words it). Read from the node agent\'s report.',
    severity: 'high',
    remediation: 'chmod 600 <path> on each node named in a finding (the path and where it came from are in the evidence).',
    references: ['CIS Kubernetes Benchmark 1.1.1', 'docs/node-agent.md'],
  },
  scope: 'control-plane',
  roles: ['apiserver-manifest'],
  what: 'the API server pod specification file',
  examplePath: '/etc/kubernetes/manifests/kube-apiserver.yaml',
  rule: { mode: 0o600 },
});

import { nodeFileCheck } from './_shared/node-files.js';

export default nodeFileCheck({
  meta: {
    id: 'node-controller-manager-manifest-mode',
    title: 'Controller manager pod specification file has permissions 600 or stricter',
    description:
      'The static pod manifest defines the controller manager\'s flags (service-account signing key, cluster CA); whoever can write it controls every controller. Fails when a file has a permission bit beyond 600 ("600 or more restrictive", as CIS words it). Read from the node agent\'s report.',
    severity: 'high',
    remediation: 'chmod 600 <path> on each node named in a finding (the path and where it came from are in the evidence).',
    references: ['CIS Kubernetes Benchmark 1.1.3', 'docs/node-agent.md'],
  },
  scope: 'control-plane',
  roles: ['controller-manager-manifest'],
  what: 'the controller manager pod specification file',
  examplePath: '/etc/kubernetes/manifests/kube-controller-manager.yaml',
  rule: { mode: 0o600 },
});

import { nodeFileCheck } from './_shared/node-files.js';

export default nodeFileCheck({
  meta: {
    id: 'node-proxy-kubeconfig-mode',
    title: 'kube-proxy kubeconfig file has permissions 600 or stricter (if present)',
    description:
      'The kube-proxy kubeconfig holds its client credentials. kubeadm keeps it in a ConfigMap, so there is often no host file: then the control is not-applicable. Fails when a file has a permission bit beyond 600 ("600 or more restrictive", as CIS words it). Read from the node agent\'s report. A file that does not exist is not a finding.',
    severity: 'high',
    remediation: 'chmod 600 <path> on each node named in a finding (the path and where it came from are in the evidence).',
    references: ['CIS Kubernetes Benchmark 4.1.3', 'docs/node-agent.md'],
  },
  scope: 'worker',
  roles: ['proxy-kubeconfig'],
  what: 'a kube-proxy kubeconfig file on the host',
  examplePath: '/var/lib/kube-proxy/kubeconfig.conf',
  rule: { mode: 0o600 },
  optional: true,
});

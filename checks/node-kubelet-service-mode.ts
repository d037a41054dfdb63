import { nodeFileCheck } from './_shared/node-files.js';

export default nodeFileCheck({
  meta: {
    id: 'node-kubelet-service-mode',
    title: 'kubelet service file has permissions 600 or stricter',
    description:
      'The kubelet\'s systemd unit and drop-ins set its flags; whoever can write them runs the kubelet with any configuration. Fails when a file has a permission bit beyond 600 ("600 or more restrictive", as CIS words it). Read from the node agent\'s report.',
    severity: 'high',
    remediation: 'chmod 600 <path> on each node named in a finding (the path and where it came from are in the evidence).',
    references: ['CIS Kubernetes Benchmark 4.1.1', 'docs/node-agent.md'],
  },
  scope: 'worker',
  roles: ['kubelet-service'],
  what: 'a kubelet service file',
  examplePath: '/usr/lib/systemd/system/kubelet.service',
  rule: { mode: 0o600 },
});

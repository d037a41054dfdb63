import { nodeFileCheck } from './_shared/node-files.js';

export default nodeFileCheck({
  meta: {
    id: 'node-kubelet-service-owner',
    title: 'kubelet service file is owned by root:root',
    description:
      "The kubelet's systemd unit and drop-ins set its flags; only root may own them. Fails when a file is not owned by root:root. Read from the node agent's report.",
    severity: 'high',
    remediation: 'chown root:root <path> on each node named in a finding (the path and where it came from are in the evidence).',
    references: ['CIS Kubernetes Benchmark 4.1.2', 'docs/node-agent.md'],
  },
  scope: 'worker',
  roles: ['kubelet-service'],
  what: 'a kubelet service file',
  examplePath: '/usr/lib/systemd/system/kubelet.service',
  rule: { owner: 'root:root' },
});

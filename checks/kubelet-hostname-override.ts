import type { NodeComponent, NodeReport } from '../src/core/node-report.js';
import { nodeReportExample } from './_shared/node-files.js';
import { cmdlineOf, componentOf, nodeHostCheck, problemsOf } from './_shared/node-host.js';

interface Subject {
  node: string;
  kubelet: NodeComponent;
}

/** The kubelet's command line; k3s passes kubelet flags as --kubelet-arg, so none there means none set. */
function kubeletOf(report: NodeReport): NodeComponent | undefined {
  const kubelet = componentOf(report, 'kubelet');
  if (kubelet) return kubelet;
  const k3s = componentOf(report, 'k3s');
  return k3s ? { name: 'kubelet', pid: k3s.pid, embeddedIn: 'k3s', flags: {} } : undefined;
}

export default nodeHostCheck<Subject, 'override'>({
  meta: {
    id: 'kubelet-hostname-override',
    title: 'Kubelets do not set --hostname-override',
    description:
      "--hostname-override makes the kubelet register under a name other than the host's, which can break the TLS name checks between the API server and the kubelet and lets a node claim another node's identity for the Node authorizer. It exists only on the kubelet's command line (not in KubeletConfiguration or /configz), so it is read from the process on each node by the node agent.",
    severity: 'medium',
    messages: { override: 'kubelet on node {{node}} sets --hostname-override={{value}}' },
    remediation:
      "Remove --hostname-override from the kubelet's command line (the systemd drop-in, /etc/default/kubelet or KUBELET_EXTRA_ARGS) and restart the kubelet. Where a cloud provider needs it, document the exception with a waiver.",
    example: nodeReportExample(
      'worker-2',
      'worker',
      [],
      ['components: [{name: kubelet, pid: 1190, flags: {hostname-override: worker-2.internal.example.com}}]'],
    ),
    references: ['CIS Kubernetes Benchmark 4.2.7'],
  },
  scope: 'worker',
  noSubjects: 'no kubelet runs on the nodes that were reported',
  subjectsOf(report) {
    const kubelet = kubeletOf(report);
    if (kubelet) return { subjects: [{ node: report.node, kubelet }], unjudgeable: [] };
    const why = problemsOf(report, 'processes');
    return { subjects: [], unjudgeable: why.length ? why : [`node ${report.node}: no kubelet process was found`] };
  },
  evaluate({ node, kubelet }, ctx) {
    const value = kubelet.flags['hostname-override'];
    if (value === undefined) return;
    ctx.report({
      messageId: 'override',
      path: cmdlineOf(kubelet),
      observed: `--hostname-override=${value}`,
      expected: 'unset',
      data: { node, value },
    });
  },
});

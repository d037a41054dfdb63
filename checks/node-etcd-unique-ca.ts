import type { NodeReport } from '../src/core/node-report.js';
import { nodeReportExample } from './_shared/node-files.js';
import { componentOf, contentSubject, nodeHostCheck } from './_shared/node-host.js';

interface Subject {
  node: string;
  etcdCa: NonNullable<NodeReport['etcdCa']>;
}

export default nodeHostCheck<Subject, 'sharedCa'>({
  meta: {
    id: 'node-etcd-unique-ca',
    title: 'etcd trusts its own certificate authority, not the cluster CA',
    description:
      "etcd accepts any client certificate its --trusted-ca-file signed. When that CA is the cluster's client CA, every certificate the cluster CA issues (kubelets, users, controllers) can talk to etcd directly and read every Secret, bypassing RBAC. Compared on each control-plane node running etcd by the SHA-256 fingerprint of the two certificates (paths can differ while the certificate is the same).",
    severity: 'high',
    messages: {
      sharedCa:
        'node {{node}}: etcd --trusted-ca-file {{etcdPath}} is the same certificate as the cluster CA {{clusterPath}} ({{fingerprint}})',
    },
    remediation:
      'Give etcd a CA of its own (kubeadm does: /etc/kubernetes/pki/etcd/ca.crt), issue the etcd server, peer and API-server client certificates from it, and point etcd --trusted-ca-file and the API server --etcd-cafile at it.',
    example: nodeReportExample(
      'cp-1',
      'control-plane, worker',
      [],
      [
        'components: [{name: etcd, pid: 2051, flags: {trusted-ca-file: /etc/kubernetes/pki/ca.crt}}]',
        'etcdCa:',
        `  etcd: {path: /etc/kubernetes/pki/ca.crt, source: etcd --trusted-ca-file, fingerprint: 'sha256:${'d7'.repeat(32)}'}`,
        `  cluster: {path: /etc/kubernetes/pki/ca.crt, source: kube-apiserver --client-ca-file, fingerprint: 'sha256:${'d7'.repeat(32)}'}`,
        '  same: true',
      ],
    ),
    references: ['CIS Kubernetes Benchmark 2.7', 'https://etcd.io/docs/latest/op-guide/security/'],
  },
  scope: 'control-plane',
  noSubjects:
    'no etcd with --trusted-ca-file runs on the control-plane nodes that were reported (external etcd is judged on its own hosts)',
  subjectsOf(report) {
    const etcd = componentOf(report, 'etcd');
    if (!etcd?.flags['trusted-ca-file']) return { subjects: [], unjudgeable: [] };
    return contentSubject(report, 'etcdCa', 'the etcd CA', true, Boolean(report.etcdCa), () => ({
      node: report.node,
      etcdCa: report.etcdCa!,
    }));
  },
  evaluate({ node, etcdCa }, ctx) {
    if (!etcdCa.same) return;
    ctx.report({
      messageId: 'sharedCa',
      path: etcdCa.etcd.path,
      observed: `${etcdCa.etcd.path} (${etcdCa.etcd.source}) = ${etcdCa.cluster.path} (${etcdCa.cluster.source})`,
      expected: 'a CA used only by etcd',
      data: { node, etcdPath: etcdCa.etcd.path, clusterPath: etcdCa.cluster.path, fingerprint: etcdCa.etcd.fingerprint },
    });
  },
});

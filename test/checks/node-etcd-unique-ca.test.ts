import { describe, it } from '@jest/globals';
import check from '../../checks/node-etcd-unique-ca.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import { controlPlaneReport, NODES_YAML, withReports, workerReport } from '../support/node-reports.js';

const shared = () => {
  const r = controlPlaneReport();
  return {
    ...r,
    etcdCa: { etcd: { ...r.etcdCa!.etcd, fingerprint: r.etcdCa!.cluster.fingerprint }, cluster: r.etcdCa!.cluster, same: true },
  };
};

describe('node-etcd-unique-ca', () => {
  new CheckTester(check).register(
    {
      pass: [{ name: 'kubeadm: etcd has its own CA', yaml: NODES_YAML, inventory: withReports(controlPlaneReport(), workerReport()) }],
      fail: [
        {
          name: 'etcd trusts the cluster CA',
          yaml: NODES_YAML,
          inventory: withReports(shared(), workerReport()),
          findings: [
            {
              messageId: 'sharedCa',
              resource: 'Node/cp-1',
              path: '/etc/kubernetes/pki/etcd/ca.crt',
              message: `node cp-1: etcd --trusted-ca-file /etc/kubernetes/pki/etcd/ca.crt is the same certificate as the cluster CA /etc/kubernetes/pki/ca.crt (sha256:${'2'.repeat(64)})`,
              observed:
                '/etc/kubernetes/pki/etcd/ca.crt (etcd --trusted-ca-file) = /etc/kubernetes/pki/ca.crt (kube-apiserver --client-ca-file)',
              expected: 'a CA used only by etcd',
            },
          ],
        },
      ],
      unjudgeable: [
        {
          name: 'a CA could not be read',
          status: 'not-assessed',
          yaml: NODES_YAML,
          inventory: withReports({
            ...controlPlaneReport(),
            etcdCa: undefined,
            problems: [{ what: 'etcdCa', path: '/etc/kubernetes/pki/etcd/ca.crt', reason: 'cannot read (ENOENT)' }],
          }),
        },
        {
          name: 'no etcd on the control plane (external etcd)',
          status: 'not-applicable',
          yaml: NODES_YAML,
          inventory: withReports({
            ...controlPlaneReport(),
            etcdCa: undefined,
            components: controlPlaneReport().components.filter((c) => c.name !== 'etcd'),
          }),
        },
        { name: 'no report', status: 'not-assessed', yaml: NODES_YAML },
      ],
    },
    it,
  );
});

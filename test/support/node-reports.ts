/**
 * Node reports for the node-host checks: a kubeadm control plane (cp-1) and a worker (worker-1)
 * hardened to CIS, as `kaudit node` reports them, plus edits. Each test states only what differs.
 */
import type { Inventory } from '../../src/core/inventory.js';
import type { FileRole, NodeFile, NodeReport } from '../../src/core/node-report.js';

const file = (role: FileRole, path: string, mode: string, extra: Partial<NodeFile> = {}): NodeFile => ({
  role,
  path,
  source: 'kubeadm default',
  exists: true,
  type: 'file',
  mode,
  uid: 0,
  gid: 0,
  user: 'root',
  group: 'root',
  ...extra,
});
const dir = (role: FileRole, path: string, mode: string, extra: Partial<NodeFile> = {}): NodeFile =>
  file(role, path, mode, { type: 'directory', ...extra });

const nodeFiles = (): NodeFile[] => [
  dir('cni-dir', '/etc/cni/net.d', '0755'),
  file('cni', '/etc/cni/net.d/10-calico.conflist', '0600', { source: 'under /etc/cni/net.d' }),
  file('kubelet-service', '/usr/lib/systemd/system/kubelet.service', '0600'),
  file('kubelet-service', '/etc/systemd/system/kubelet.service.d/10-kubeadm.conf', '0600'),
  file('kubelet-kubeconfig', '/etc/kubernetes/kubelet.conf', '0600', { source: 'kubelet --kubeconfig' }),
  file('kubelet-client-ca', '/etc/kubernetes/pki/ca.crt', '0644', { source: 'kubelet config authentication.x509.clientCAFile' }),
  file('kubelet-config', '/var/lib/kubelet/config.yaml', '0600', { source: 'kubelet --config' }),
];

const kubelet = {
  name: 'kubelet' as const,
  pid: 1001,
  flags: { config: '/var/lib/kubelet/config.yaml', kubeconfig: '/etc/kubernetes/kubelet.conf' },
};

export function controlPlaneReport(node = 'cp-1'): NodeReport {
  const pki = (name: string, mode: string) => file('pki', `/etc/kubernetes/pki/${name}`, mode, { source: 'under /etc/kubernetes/pki' });
  return {
    kind: 'NodeReport',
    nodeReportVersion: 1,
    node,
    collectedAt: '2026-12-01T00:00:00.000Z',
    tool: { name: 'kaudit', version: '0.1.0' },
    distribution: 'kubeadm',
    roles: ['control-plane', 'worker'],
    components: [
      kubelet,
      {
        name: 'kube-apiserver',
        pid: 1002,
        flags: {
          'client-ca-file': '/etc/kubernetes/pki/ca.crt',
          'encryption-provider-config': '/etc/kubernetes/enc/encryption.yaml',
          'audit-policy-file': '/etc/kubernetes/audit/policy.yaml',
        },
      },
      { name: 'kube-controller-manager', pid: 1003, flags: { kubeconfig: '/etc/kubernetes/controller-manager.conf' } },
      { name: 'kube-scheduler', pid: 1004, flags: { kubeconfig: '/etc/kubernetes/scheduler.conf' } },
      { name: 'etcd', pid: 1005, flags: { 'data-dir': '/var/lib/etcd', 'trusted-ca-file': '/etc/kubernetes/pki/etcd/ca.crt' } },
    ],
    files: [
      file('apiserver-manifest', '/etc/kubernetes/manifests/kube-apiserver.yaml', '0600', { source: 'kubelet config staticPodPath' }),
      file('controller-manager-manifest', '/etc/kubernetes/manifests/kube-controller-manager.yaml', '0600', {
        source: 'kubelet config staticPodPath',
      }),
      file('scheduler-manifest', '/etc/kubernetes/manifests/kube-scheduler.yaml', '0600', { source: 'kubelet config staticPodPath' }),
      file('etcd-manifest', '/etc/kubernetes/manifests/etcd.yaml', '0600', { source: 'kubelet config staticPodPath' }),
      dir('etcd-data-dir', '/var/lib/etcd', '0700', { source: 'etcd --data-dir', uid: 998, gid: 998, user: 'etcd', group: 'etcd' }),
      file('admin-kubeconfig', '/etc/kubernetes/admin.conf', '0600'),
      file('admin-kubeconfig', '/etc/kubernetes/super-admin.conf', '0600'),
      file('scheduler-kubeconfig', '/etc/kubernetes/scheduler.conf', '0600', { source: 'kube-scheduler --kubeconfig' }),
      file('controller-manager-kubeconfig', '/etc/kubernetes/controller-manager.conf', '0600', {
        source: 'kube-controller-manager --kubeconfig',
      }),
      dir('pki-dir', '/etc/kubernetes/pki', '0755', { source: 'directory of kube-apiserver --client-ca-file' }),
      pki('apiserver.crt', '0644'),
      pki('apiserver.key', '0600'),
      pki('ca.crt', '0644'),
      pki('ca.key', '0600'),
      { ...pki('etcd', '0755'), type: 'directory' },
      pki('etcd/ca.crt', '0644'),
      pki('etcd/ca.key', '0600'),
      ...nodeFiles(),
    ],
    encryption: {
      path: '/etc/kubernetes/enc/encryption.yaml',
      source: 'kube-apiserver --encryption-provider-config',
      resources: [{ resources: ['secrets'], providers: ['aescbc', 'identity'] }],
    },
    auditPolicy: {
      path: '/etc/kubernetes/audit/policy.yaml',
      source: 'kube-apiserver --audit-policy-file',
      rules: [
        {
          level: 'Metadata',
          resources: [
            { group: '', resources: ['secrets', 'configmaps'] },
            { group: 'authentication.k8s.io', resources: ['tokenreviews'] },
          ],
        },
        {
          level: 'RequestResponse',
          resources: [
            { group: '', resources: ['pods', 'pods/exec', 'pods/portforward', 'pods/proxy', 'services/proxy'] },
            { group: 'apps', resources: ['deployments'] },
          ],
        },
        { level: 'Metadata' },
      ],
    },
    etcdCa: {
      etcd: { path: '/etc/kubernetes/pki/etcd/ca.crt', source: 'etcd --trusted-ca-file', fingerprint: `sha256:${'1'.repeat(64)}` },
      cluster: { path: '/etc/kubernetes/pki/ca.crt', source: 'kube-apiserver --client-ca-file', fingerprint: `sha256:${'2'.repeat(64)}` },
      same: false,
    },
    problems: [],
  };
}

export function workerReport(node = 'worker-1'): NodeReport {
  return {
    ...controlPlaneReport(node),
    roles: ['worker'],
    components: [kubelet, { name: 'kube-proxy', pid: 1006, flags: {} }],
    files: nodeFiles(),
    encryption: undefined,
    auditPolicy: undefined,
    etcdCa: undefined,
  };
}

/** The Nodes cp-1 (control plane, kubeadm labels) and worker-1, as YAML for CheckTester. */
export const NODES_YAML = `apiVersion: v1
kind: Node
metadata:
  name: cp-1
  labels: {node-role.kubernetes.io/control-plane: ""}
---
apiVersion: v1
kind: Node
metadata:
  name: worker-1
`;

/** An inventory edit that installs these reports (JSON copies: the inventory is plain data). */
export const withReports =
  (...reports: NodeReport[]) =>
  (inv: Inventory): void => {
    inv.nodeReports = JSON.parse(
      JSON.stringify(reports.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)))),
    );
  };

/** A report with the files of `role` (optionally one path) changed. */
export function editFiles(report: NodeReport, role: FileRole, patch: Partial<NodeFile>, path?: string): NodeReport {
  return {
    ...report,
    files: report.files.map((f) => (f.role === role && (path === undefined || f.path === path) ? { ...f, ...patch } : f)),
  };
}

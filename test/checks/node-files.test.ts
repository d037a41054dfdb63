/**
 * The CIS file controls (1.1.1–1.1.21, 4.1.1–4.1.10), table-driven: for each check a pass case (the
 * hardened reports), a fail case (the files of its role loosened or handed to another owner, with the
 * exact findings) and the cases it cannot judge (a node without a report, a managed control plane,
 * a file that does not exist, a file the agent could not stat).
 */
import { describe, it } from '@jest/globals';
import type { AnyCheck } from '../../src/core/check.js';
import type { FileRole, NodeReport } from '../../src/core/node-report.js';
import { CheckTester, type ExpectedFinding, type FailCase, type NotJudgedCase } from '../../src/testing/check-tester.js';
import { controlPlaneReport, editFiles, NODES_YAML, withReports, workerReport } from '../support/node-reports.js';
import { CHECKS } from '../../checks/index.js';

type Row = [
  id: string,
  role: FileRole,
  rule: 'mode' | 'owner',
  expected: string,
  paths: string[],
  opts?: { worker?: boolean; optional?: boolean; also?: FileRole },
];

const K = '/etc/kubernetes';
const PKI_ALL = ['apiserver.crt', 'apiserver.key', 'ca.crt', 'ca.key', 'etcd', 'etcd/ca.crt', 'etcd/ca.key'].map((f) => `${K}/pki/${f}`);
const SERVICE = ['/usr/lib/systemd/system/kubelet.service', '/etc/systemd/system/kubelet.service.d/10-kubeadm.conf'];
const PROXY = '/var/lib/kube-proxy/kubeconfig.conf';

const ROWS: Row[] = [
  ['node-apiserver-manifest-mode', 'apiserver-manifest', 'mode', '0600 or stricter', [`${K}/manifests/kube-apiserver.yaml`]],
  ['node-apiserver-manifest-owner', 'apiserver-manifest', 'owner', 'root:root', [`${K}/manifests/kube-apiserver.yaml`]],
  [
    'node-controller-manager-manifest-mode',
    'controller-manager-manifest',
    'mode',
    '0600 or stricter',
    [`${K}/manifests/kube-controller-manager.yaml`],
  ],
  [
    'node-controller-manager-manifest-owner',
    'controller-manager-manifest',
    'owner',
    'root:root',
    [`${K}/manifests/kube-controller-manager.yaml`],
  ],
  ['node-scheduler-manifest-mode', 'scheduler-manifest', 'mode', '0600 or stricter', [`${K}/manifests/kube-scheduler.yaml`]],
  ['node-scheduler-manifest-owner', 'scheduler-manifest', 'owner', 'root:root', [`${K}/manifests/kube-scheduler.yaml`]],
  ['node-etcd-manifest-mode', 'etcd-manifest', 'mode', '0600 or stricter', [`${K}/manifests/etcd.yaml`]],
  ['node-etcd-manifest-owner', 'etcd-manifest', 'owner', 'root:root', [`${K}/manifests/etcd.yaml`]],
  ['node-cni-files-mode', 'cni', 'mode', '0600 or stricter', ['/etc/cni/net.d/10-calico.conflist'], { optional: true }],
  ['node-cni-files-owner', 'cni', 'owner', 'root:root', ['/etc/cni/net.d/10-calico.conflist'], { optional: true }],
  ['node-etcd-data-dir-mode', 'etcd-data-dir', 'mode', '0700 or stricter', ['/var/lib/etcd']],
  ['node-etcd-data-dir-owner', 'etcd-data-dir', 'owner', 'etcd:etcd', ['/var/lib/etcd']],
  ['node-admin-kubeconfig-mode', 'admin-kubeconfig', 'mode', '0600 or stricter', [`${K}/admin.conf`, `${K}/super-admin.conf`]],
  ['node-admin-kubeconfig-owner', 'admin-kubeconfig', 'owner', 'root:root', [`${K}/admin.conf`, `${K}/super-admin.conf`]],
  ['node-scheduler-kubeconfig-mode', 'scheduler-kubeconfig', 'mode', '0600 or stricter', [`${K}/scheduler.conf`]],
  ['node-scheduler-kubeconfig-owner', 'scheduler-kubeconfig', 'owner', 'root:root', [`${K}/scheduler.conf`]],
  [
    'node-controller-manager-kubeconfig-mode',
    'controller-manager-kubeconfig',
    'mode',
    '0600 or stricter',
    [`${K}/controller-manager.conf`],
  ],
  ['node-controller-manager-kubeconfig-owner', 'controller-manager-kubeconfig', 'owner', 'root:root', [`${K}/controller-manager.conf`]],
  ['node-pki-owner', 'pki', 'owner', 'root:root', [`${K}/pki`, ...PKI_ALL], { also: 'pki-dir' }],
  ['node-pki-cert-mode', 'pki', 'mode', '0644 or stricter', PKI_ALL.filter((p) => p.endsWith('.crt'))],
  ['node-pki-key-mode', 'pki', 'mode', '0600 or stricter', PKI_ALL.filter((p) => p.endsWith('.key'))],
  ['node-kubelet-service-mode', 'kubelet-service', 'mode', '0600 or stricter', SERVICE, { worker: true }],
  ['node-kubelet-service-owner', 'kubelet-service', 'owner', 'root:root', SERVICE, { worker: true }],
  ['node-proxy-kubeconfig-mode', 'proxy-kubeconfig', 'mode', '0600 or stricter', [PROXY], { worker: true, optional: true }],
  ['node-proxy-kubeconfig-owner', 'proxy-kubeconfig', 'owner', 'root:root', [PROXY], { worker: true, optional: true }],
  ['node-kubelet-kubeconfig-mode', 'kubelet-kubeconfig', 'mode', '0600 or stricter', [`${K}/kubelet.conf`], { worker: true }],
  ['node-kubelet-kubeconfig-owner', 'kubelet-kubeconfig', 'owner', 'root:root', [`${K}/kubelet.conf`], { worker: true }],
  ['node-client-ca-mode', 'kubelet-client-ca', 'mode', '0644 or stricter', [`${K}/pki/ca.crt`], { worker: true }],
  ['node-client-ca-owner', 'kubelet-client-ca', 'owner', 'root:root', [`${K}/pki/ca.crt`], { worker: true }],
  ['node-kubelet-config-mode', 'kubelet-config', 'mode', '0600 or stricter', ['/var/lib/kubelet/config.yaml'], { worker: true }],
  ['node-kubelet-config-owner', 'kubelet-config', 'owner', 'root:root', ['/var/lib/kubelet/config.yaml'], { worker: true }],
];

const checks = new Map(CHECKS.map((c) => [c.meta.id, c as AnyCheck]));

/** The worker also has a kube-proxy kubeconfig on the host (k3s-style), so 4.1.3/4.1.4 have something to judge. */
const worker = (): NodeReport => {
  const w = workerReport();
  return {
    ...w,
    files: [
      ...w.files,
      {
        role: 'proxy-kubeconfig',
        path: PROXY,
        source: 'kube-proxy --kubeconfig',
        exists: true,
        type: 'file',
        mode: '0600',
        uid: 0,
        gid: 0,
        user: 'root',
        group: 'root',
      },
    ],
  };
};
const cp = controlPlaneReport;

for (const [id, role, rule, expected, paths, opts = {}] of ROWS) {
  describe(id, () => {
    const check = checks.get(id);
    if (!check) throw new Error(`no check ${id}`);
    const roles: FileRole[] = opts.also ? [role, opts.also] : [role];
    const loosen = (r: NodeReport): NodeReport =>
      roles.reduce(
        (acc, ro) => editFiles(acc, ro, rule === 'mode' ? { mode: '0666' } : { uid: 1000, gid: 1000, user: 'alice', group: 'alice' }),
        r,
      );
    const nodes = opts.worker ? ['cp-1', 'worker-1'] : ['cp-1'];
    // The proxy kubeconfig is only on the worker.
    const where = (node: string): string[] => (role === 'proxy-kubeconfig' && node === 'cp-1' ? [] : paths);
    const observed = rule === 'mode' ? '0666' : 'alice:alice';
    const findings: ExpectedFinding[] = nodes.flatMap((node) =>
      where(node).map((path) => ({ messageId: rule, resource: `Node/${node}`, path, observed, expected })),
    );
    const first = findings[0];
    const verb = rule === 'mode' ? 'has mode 0666' : 'is owned by alice:alice';
    first!.message = `node ${first!.resource.slice('Node/'.length)}: ${first!.path} (${sourceOf(cp(), worker(), roles, first!.path!)}) ${verb}, expected ${expected}`;
    const fail: FailCase[] = [
      { name: `${role} loosened on every node`, yaml: NODES_YAML, inventory: withReports(loosen(cp()), loosen(worker())), findings },
    ];
    // One failing node decides the control even when another node has no report.
    if (!opts.worker)
      fail.push({
        name: 'a failing node decides even when another has no report',
        yaml: NODES_YAML + '---\napiVersion: v1\nkind: Node\nmetadata: {name: cp-2, labels: {node-role.kubernetes.io/control-plane: ""}}\n',
        inventory: withReports(loosen(cp()), worker()),
        findings: findings.map(({ message: _m, ...f }) => f),
      });
    const unjudgeable: NotJudgedCase[] = [
      {
        name: 'a node in scope without a report',
        status: 'not-assessed',
        yaml: NODES_YAML,
        inventory: withReports(...(opts.worker ? [cp()] : [worker()])),
      },
      { name: 'no node report at all', status: 'not-assessed', yaml: NODES_YAML },
      {
        name: 'the agent could not stat the file',
        status: 'not-assessed',
        yaml: NODES_YAML,
        inventory: withReports({ ...cp(), problems: [{ what: role, path: paths[0], reason: 'cannot stat (EACCES)' }] }, worker()),
      },
      opts.optional
        ? {
            name: 'no such file anywhere ("if present")',
            status: 'not-applicable',
            yaml: NODES_YAML,
            inventory: withReports(without(cp(), role), without(worker(), role)),
          }
        : {
            name: 'the file does not exist',
            status: 'not-assessed',
            yaml: NODES_YAML,
            inventory: withReports(
              editFiles(cp(), role, { exists: false, mode: undefined, type: undefined }),
              editFiles(worker(), role, { exists: false }),
            ),
          },
    ];
    if (!opts.worker)
      unjudgeable.push({
        name: 'managed control plane',
        status: 'not-applicable',
        yaml: NODES_YAML,
        inventory: (inv) => ((inv.platform = 'eks'), withReports(worker())(inv)),
      });
    new CheckTester(check).register(
      { pass: [{ name: 'hardened nodes', yaml: NODES_YAML, inventory: withReports(cp(), worker()) }], fail, unjudgeable },
      it,
    );
  });
}

function sourceOf(a: NodeReport, b: NodeReport, roles: FileRole[], path: string): string {
  return [...a.files, ...b.files].find((f) => roles.includes(f.role) && f.path === path)!.source;
}

function without(r: NodeReport, role: FileRole): NodeReport {
  return { ...r, files: r.files.filter((f) => f.role !== role) };
}

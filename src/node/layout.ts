/**
 * Where each file the CIS Benchmark names lives on this node, and how kaudit knows: a component's
 * flag first, then a path field of its configuration file, then the distribution's default layout
 * (kubeadm, k3s, rke2). Every path carries that provenance into the report.
 *
 * Configuration files are read for one or two path fields only (kubelet: staticPodPath,
 * authentication.x509.clientCAFile; kube-proxy: clientConnection.kubeconfig); nothing else of them
 * is kept.
 */
import type { Distribution, FileRole, NodeComponent, NodeComponentName, NodeRole } from '../core/node-report.js';

export interface PathCandidate {
  path: string;
  source: string;
}

/** A role's candidates: the first that names a path decides; `all` stats every default that exists. */
export interface RoleLayout {
  role: FileRole;
  candidates: PathCandidate[];
  /** Several files (kubelet unit and drop-ins, admin.conf and super-admin.conf): every existing default is stated, not only the first. */
  all?: boolean;
}

/** Files under a directory role become entries of the child role (pki-dir → pki, cni-dir → cni). */
export const DIRECTORY_CHILDREN: Partial<Record<FileRole, FileRole>> = { 'pki-dir': 'pki', 'cni-dir': 'cni' };

export interface LayoutInput {
  distribution: Distribution;
  roles: NodeRole[];
  components: NodeComponent[];
  /** Path fields read from configuration files, with their source ('kubelet config staticPodPath'). */
  configPaths: Partial<Record<'staticPodPath' | 'clientCAFile' | 'proxyKubeconfig', PathCandidate>>;
}

type Defaults = Partial<Record<Distribution, string[]>>;

const K3S = '/var/lib/rancher/k3s';
const RKE2 = '/var/lib/rancher/rke2';

/** Default paths per distribution ('unknown' follows kubeadm, the upstream layout). */
const DEFAULTS: Record<FileRole, Defaults> = {
  'apiserver-manifest': {
    kubeadm: ['/etc/kubernetes/manifests/kube-apiserver.yaml'],
    rke2: [`${RKE2}/agent/pod-manifests/kube-apiserver.yaml`],
  },
  'controller-manager-manifest': {
    kubeadm: ['/etc/kubernetes/manifests/kube-controller-manager.yaml'],
    rke2: [`${RKE2}/agent/pod-manifests/kube-controller-manager.yaml`],
  },
  'scheduler-manifest': {
    kubeadm: ['/etc/kubernetes/manifests/kube-scheduler.yaml'],
    rke2: [`${RKE2}/agent/pod-manifests/kube-scheduler.yaml`],
  },
  'etcd-manifest': { kubeadm: ['/etc/kubernetes/manifests/etcd.yaml'], rke2: [`${RKE2}/agent/pod-manifests/etcd.yaml`] },
  'cni-dir': { kubeadm: ['/etc/cni/net.d'], k3s: [`${K3S}/agent/etc/cni/net.d`], rke2: ['/etc/cni/net.d'] },
  cni: {},
  'etcd-data-dir': { kubeadm: ['/var/lib/etcd'], k3s: [`${K3S}/server/db/etcd`], rke2: [`${RKE2}/server/db/etcd`] },
  'admin-kubeconfig': {
    kubeadm: ['/etc/kubernetes/admin.conf', '/etc/kubernetes/super-admin.conf'],
    k3s: [`${K3S}/server/cred/admin.kubeconfig`],
    rke2: [`${RKE2}/server/cred/admin.kubeconfig`],
  },
  'scheduler-kubeconfig': {
    kubeadm: ['/etc/kubernetes/scheduler.conf'],
    k3s: [`${K3S}/server/cred/scheduler.kubeconfig`],
    rke2: [`${RKE2}/server/cred/scheduler.kubeconfig`],
  },
  'controller-manager-kubeconfig': {
    kubeadm: ['/etc/kubernetes/controller-manager.conf'],
    k3s: [`${K3S}/server/cred/controller.kubeconfig`],
    rke2: [`${RKE2}/server/cred/controller.kubeconfig`],
  },
  'pki-dir': { kubeadm: ['/etc/kubernetes/pki'], k3s: [`${K3S}/server/tls`], rke2: [`${RKE2}/server/tls`] },
  pki: {},
  'kubelet-service': {
    kubeadm: [
      '/usr/lib/systemd/system/kubelet.service',
      '/lib/systemd/system/kubelet.service',
      '/etc/systemd/system/kubelet.service',
      '/etc/systemd/system/kubelet.service.d/10-kubeadm.conf',
      '/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf',
    ],
    k3s: ['/etc/systemd/system/k3s.service', '/etc/systemd/system/k3s-agent.service'],
    rke2: [
      '/usr/local/lib/systemd/system/rke2-server.service',
      '/usr/local/lib/systemd/system/rke2-agent.service',
      '/lib/systemd/system/rke2-server.service',
      '/lib/systemd/system/rke2-agent.service',
    ],
  },
  // kubeadm's kube-proxy reads its kubeconfig from a ConfigMap: no host file unless a flag names one.
  'proxy-kubeconfig': { k3s: [`${K3S}/agent/kubeproxy.kubeconfig`], rke2: [`${RKE2}/agent/kubeproxy.kubeconfig`] },
  'kubelet-kubeconfig': {
    kubeadm: ['/etc/kubernetes/kubelet.conf'],
    k3s: [`${K3S}/agent/kubelet.kubeconfig`],
    rke2: [`${RKE2}/agent/kubelet.kubeconfig`],
  },
  'kubelet-client-ca': {
    kubeadm: ['/etc/kubernetes/pki/ca.crt'],
    k3s: [`${K3S}/agent/client-ca.crt`],
    rke2: [`${RKE2}/agent/client-ca.crt`],
  },
  'kubelet-config': { kubeadm: ['/var/lib/kubelet/config.yaml'], k3s: [`${K3S}/agent/etc/kubelet.conf.d/00-k3s-defaults.conf`] },
};

/** Flags that name a role's file, in order of preference. */
const FLAGS: Partial<Record<FileRole, [NodeComponentName, string][]>> = {
  'etcd-data-dir': [['etcd', 'data-dir']],
  'scheduler-kubeconfig': [['kube-scheduler', 'kubeconfig']],
  'controller-manager-kubeconfig': [['kube-controller-manager', 'kubeconfig']],
  'proxy-kubeconfig': [['kube-proxy', 'kubeconfig']],
  'kubelet-kubeconfig': [['kubelet', 'kubeconfig']],
  'kubelet-client-ca': [['kubelet', 'client-ca-file']],
  'kubelet-config': [['kubelet', 'config']],
};

const CONTROL_PLANE_ROLES: readonly FileRole[] = [
  'apiserver-manifest',
  'controller-manager-manifest',
  'scheduler-manifest',
  'etcd-manifest',
  'etcd-data-dir',
  'admin-kubeconfig',
  'scheduler-kubeconfig',
  'controller-manager-kubeconfig',
  'pki-dir',
];
const NODE_ROLES: readonly FileRole[] = [
  'cni-dir',
  'kubelet-service',
  'proxy-kubeconfig',
  'kubelet-kubeconfig',
  'kubelet-client-ca',
  'kubelet-config',
];

const MANIFEST_FILES: Partial<Record<FileRole, string>> = {
  'apiserver-manifest': 'kube-apiserver.yaml',
  'controller-manager-manifest': 'kube-controller-manager.yaml',
  'scheduler-manifest': 'kube-scheduler.yaml',
  'etcd-manifest': 'etcd.yaml',
};

export function layoutFor(input: LayoutInput): RoleLayout[] {
  const roles = [...(input.roles.includes('control-plane') ? CONTROL_PLANE_ROLES : []), ...(input.roles.length ? NODE_ROLES : [])];
  const flagOf = (component: NodeComponentName, flag: string): string | undefined =>
    input.components.find((c) => c.name === component && c.flags[flag])?.flags[flag];
  const out: RoleLayout[] = [];
  for (const role of roles) {
    // k3s runs its control plane in-process: there are no static pod manifests to judge.
    if (MANIFEST_FILES[role] && input.distribution === 'k3s') continue;
    const candidates: PathCandidate[] = [];
    for (const [component, flag] of FLAGS[role] ?? []) {
      const value = flagOf(component, flag);
      if (value) candidates.push({ path: value, source: `${component} --${flag}` });
    }
    const manifest = MANIFEST_FILES[role];
    if (manifest) {
      const dir =
        input.configPaths.staticPodPath ??
        (flagOf('kubelet', 'pod-manifest-path')
          ? { path: flagOf('kubelet', 'pod-manifest-path')!, source: 'kubelet --pod-manifest-path' }
          : undefined);
      if (dir) candidates.push({ path: `${dir.path.replace(/\/+$/, '')}/${manifest}`, source: dir.source });
    }
    if (role === 'kubelet-client-ca' && input.configPaths.clientCAFile) candidates.push(input.configPaths.clientCAFile);
    if (role === 'proxy-kubeconfig' && input.configPaths.proxyKubeconfig) candidates.push(input.configPaths.proxyKubeconfig);
    if (role === 'pki-dir') {
      const ca = flagOf('kube-apiserver', 'client-ca-file');
      if (ca && ca.includes('/'))
        candidates.push({ path: ca.slice(0, ca.lastIndexOf('/')) || '/', source: 'directory of kube-apiserver --client-ca-file' });
    }
    const distribution = input.distribution === 'unknown' ? 'kubeadm' : input.distribution;
    const defaults = (DEFAULTS[role][distribution] ?? []).map((path) => ({ path, source: `${distribution} default` }));
    if (candidates.length) out.push({ role, candidates: candidates.slice(0, 1) });
    else if (defaults.length) out.push({ role, candidates: defaults, all: role === 'kubelet-service' || role === 'admin-kubeconfig' });
  }
  return out;
}

/**
 * Fake node hosts for the node agent: a temp dir with proc/<pid>/cmdline, /etc/passwd and /etc/group,
 * and the files CIS names, with modes and owners set (tests run as root in CI and here; the owner
 * names come from the fake /etc/passwd). Layouts: a kubeadm control plane, a kubeadm worker, a k3s server.
 */
import { chmodSync, chownSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Planted in the encryption configuration: it must appear in no output. */
export const ENCRYPTION_KEY = 'c2VjcmV0LWtleS1tdXN0LW5ldmVyLWxlYWstMTIzNDU2Nzg=';
/** Planted in a credential-named kubelet flag. */
export const FLAG_SECRET = 'flag-secret-value-9f8e7d';
export const ETCD_UID = 998;

// Two self-signed CAs (public test certificates: openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=...).
export const CLUSTER_CA = `-----BEGIN CERTIFICATE-----
MIIBfzCCASWgAwIBAgIUZ2Zlgk3Tbxd91lZk/XSp6qeFDZwwCgYIKoZIzj0EAwIw
FTETMBEGA1UEAwwKa3ViZXJuZXRlczAeFw0yNjEyMDcwMzU0MjFaFw0zNjEyMDQw
MzU0MjFaMBUxEzARBgNVBAMMCmt1YmVybmV0ZXMwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAASOA7dqVlUpcLAVfSsGNlmaQG1FHbgriytg9Sj9y7thodqpe3411wkt
tFztyGMeGVyrGaEYIlLV/4Qzfa7C3Qw6o1MwUTAdBgNVHQ4EFgQUAfzaByWAMM4X
mVRrOks4n/KhcRowHwYDVR0jBBgwFoAUAfzaByWAMM4XmVRrOks4n/KhcRowDwYD
VR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiAQ3iuMNEmOweScKy7E/JFo
6GgAkwHn96Zss25xNUCnOgIhAOUnx64CHnule6Hvy77Ix8S0Uuc/3S2vFr626nIr
LFPT
-----END CERTIFICATE-----
`;
export const CLUSTER_CA_FINGERPRINT = 'sha256:d763cd6d1144cbe8c78bd41f21bb20ee45dd6e936c04e2fa484ae357b701e52b';
export const ETCD_CA = `-----BEGIN CERTIFICATE-----
MIIBeTCCAR+gAwIBAgIUETejyItH8+hx8yGdbbSccYMPAmowCgYIKoZIzj0EAwIw
EjEQMA4GA1UEAwwHZXRjZC1jYTAeFw0yNjEyMDcwMzU0MjFaFw0zNjEyMDQwMzU0
MjFaMBIxEDAOBgNVBAMMB2V0Y2QtY2EwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNC
AARkIbgKY61VfWNgvSpVdNRtUO1nQ36MOiHfIdgxzo3sisWBQB6DXaoINFlIOC2J
VzEMCAynPwAFyIvLeU+W9ygYo1MwUTAdBgNVHQ4EFgQUKRofvXFdXYFw0m7kJ0CE
Vwz0Up4wHwYDVR0jBBgwFoAUKRofvXFdXYFw0m7kJ0CEVwz0Up4wDwYDVR0TAQH/
BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiBWsnDSIyShi98SaJe6f6ZemBIqJK1X
yQARVS+jZmAKagIhAP/lRLRVu275ftG+BA19IUYMsBIKQPKhp22BYmGYgDhE
-----END CERTIFICATE-----
`;
export const ETCD_CA_FINGERPRINT = 'sha256:0147b539b5be9ed205ff984e92d12eb1d12e10afe1261cabcc0d931f0c3935e3';

export interface HostFile {
  path: string;
  mode: number;
  uid?: number;
  gid?: number;
  content?: string;
  dir?: boolean;
}

export interface FakeHost {
  root: string;
  proc: string;
}

export interface FakeHostSpec {
  processes: string[][];
  files: HostFile[];
  hostname?: string;
}

export function fakeHost(spec: FakeHostSpec): FakeHost {
  const root = mkdtempSync(join(tmpdir(), 'kaudit-host-'));
  const proc = join(root, 'proc');
  mkdirSync(proc);
  // A kernel thread (empty cmdline) and an unrelated process, which the agent skips.
  const all = [[], ['/usr/sbin/sshd', '-D'], ...spec.processes];
  all.forEach((argv, i) => {
    mkdirSync(join(proc, String(100 + i)));
    writeFileSync(join(proc, String(100 + i), 'cmdline'), argv.length ? argv.join('\0') + '\0' : '');
  });
  const put = (f: HostFile): void => {
    const at = join(root, f.path);
    if (f.dir) mkdirSync(at, { recursive: true });
    else {
      mkdirSync(dirname(at), { recursive: true });
      writeFileSync(at, f.content ?? '');
    }
    chmodSync(at, f.mode);
    chownSync(at, f.uid ?? 0, f.gid ?? 0);
  };
  put({
    path: '/etc/passwd',
    mode: 0o644,
    content: `root:x:0:0:root:/root:/bin/bash\netcd:x:${ETCD_UID}:${ETCD_UID}::/var/lib/etcd:/sbin/nologin\n`,
  });
  put({ path: '/etc/group', mode: 0o644, content: `root:x:0:\netcd:x:${ETCD_UID}:\n` });
  put({ path: '/etc/hostname', mode: 0o644, content: `${spec.hostname ?? 'node-x'}\n` });
  for (const f of spec.files) put(f);
  return { root, proc };
}

const encryptionConfig = (key: string): string => `apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
  - resources: [secrets]
    providers:
      - aescbc:
          keys:
            - name: key1
              secret: ${key}
      - identity: {}
  - resources: [configmaps]
    providers:
      - identity: {}
`;

const AUDIT_POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
  - level: Metadata
    resources:
      - group: ""
        resources: [secrets, configmaps]
  - level: RequestResponse
    verbs: [create, update, patch, delete]
    resources:
      - group: ""
        resources: [pods, pods/exec, pods/portforward, pods/proxy, services/proxy]
      - group: apps
        resources: [deployments]
  - level: None
    users: [system:kube-proxy]
  - level: Metadata
`;

// staticPodURLHeader carries a credential the agent must not keep (it keeps only the judged fields).
const kubeletConfig = (header = FLAG_SECRET): string => `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
staticPodPath: /etc/kubernetes/manifests
staticPodURLHeader:
  Authorization: ['Bearer ${header}']
authentication:
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
`;

/** A kubeadm worker's kubelet and files; `loose` leaves the kubelet files world-readable (4.1.x fail). */
function kubeadmNodeFiles(loose = false, kubeletHeader?: string): HostFile[] {
  return [
    { path: '/usr/lib/systemd/system/kubelet.service', mode: 0o644 },
    { path: '/etc/systemd/system/kubelet.service.d/10-kubeadm.conf', mode: loose ? 0o644 : 0o600 },
    { path: '/etc/kubernetes/kubelet.conf', mode: loose ? 0o644 : 0o600 },
    { path: '/var/lib/kubelet/config.yaml', mode: 0o600, content: kubeletConfig(kubeletHeader) },
    { path: '/etc/kubernetes/pki/ca.crt', mode: 0o644, content: CLUSTER_CA },
    { path: '/etc/cni/net.d', mode: 0o755, dir: true },
    { path: '/etc/cni/net.d/10-calico.conflist', mode: 0o600 },
  ];
}

const KUBELET_ARGS = [
  '/usr/bin/kubelet',
  '--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf',
  '--kubeconfig=/etc/kubernetes/kubelet.conf',
  '--config=/var/lib/kubelet/config.yaml',
  '--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock',
];

/** kubeadm control plane: everything as CIS wants it, except what `edits` change. */
/** `encryptionKey`, `apiserverArgs` and `kubeletHeader` (a credential in the kubelet config file) let the leak test plant its sentinels. */
export function kubeadmControlPlane(
  opts: { hostname?: string; extraKubeletArgs?: string[]; encryptionKey?: string; apiserverArgs?: string[]; kubeletHeader?: string } = {},
): FakeHost {
  return fakeHost({
    hostname: opts.hostname ?? 'cp-1',
    processes: [
      [...KUBELET_ARGS, ...(opts.extraKubeletArgs ?? [])],
      [
        'kube-apiserver',
        '--advertise-address=10.0.0.10',
        '--client-ca-file=/etc/kubernetes/pki/ca.crt',
        '--encryption-provider-config=/etc/kubernetes/enc/encryption.yaml',
        '--audit-policy-file=/etc/kubernetes/audit/policy.yaml',
        '--etcd-servers=https://127.0.0.1:2379',
        `--oidc-client-secret=${FLAG_SECRET}`,
        ...(opts.apiserverArgs ?? []),
      ],
      ['kube-controller-manager', '--kubeconfig=/etc/kubernetes/controller-manager.conf', '--root-ca-file=/etc/kubernetes/pki/ca.crt'],
      ['kube-scheduler', '--kubeconfig=/etc/kubernetes/scheduler.conf'],
      [
        'etcd',
        '--data-dir=/var/lib/etcd',
        '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
        '--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
      ],
      ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=cp-1'],
    ],
    files: [
      ...kubeadmNodeFiles(false, opts.kubeletHeader),
      { path: '/etc/kubernetes/manifests/kube-apiserver.yaml', mode: 0o600 },
      { path: '/etc/kubernetes/manifests/kube-controller-manager.yaml', mode: 0o600 },
      { path: '/etc/kubernetes/manifests/kube-scheduler.yaml', mode: 0o644 },
      { path: '/etc/kubernetes/manifests/etcd.yaml', mode: 0o600 },
      { path: '/var/lib/etcd', mode: 0o700, dir: true, uid: ETCD_UID, gid: ETCD_UID },
      { path: '/etc/kubernetes/admin.conf', mode: 0o600 },
      { path: '/etc/kubernetes/scheduler.conf', mode: 0o600 },
      { path: '/etc/kubernetes/controller-manager.conf', mode: 0o600 },
      { path: '/etc/kubernetes/pki/apiserver.crt', mode: 0o644 },
      { path: '/etc/kubernetes/pki/apiserver.key', mode: 0o600 },
      { path: '/etc/kubernetes/pki/etcd/ca.crt', mode: 0o644, content: ETCD_CA },
      { path: '/etc/kubernetes/pki/etcd/ca.key', mode: 0o600 },
      { path: '/etc/kubernetes/enc/encryption.yaml', mode: 0o600, content: encryptionConfig(opts.encryptionKey ?? ENCRYPTION_KEY) },
      { path: '/etc/kubernetes/audit/policy.yaml', mode: 0o600, content: AUDIT_POLICY },
      {
        path: '/var/lib/kube-proxy/config.conf',
        mode: 0o644,
        content: 'kind: KubeProxyConfiguration\nclientConnection:\n  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf\n',
      },
    ],
  });
}

/** kubeadm worker: kubelet and kube-proxy only; `loose` files for 4.1.x failures. */
export function kubeadmWorker(opts: { hostname?: string; loose?: boolean } = {}): FakeHost {
  return fakeHost({
    hostname: opts.hostname ?? 'worker-1',
    processes: [KUBELET_ARGS, ['kube-proxy', '--kubeconfig=/var/lib/kube-proxy/kubeconfig.conf']],
    files: kubeadmNodeFiles(opts.loose),
  });
}

/** k3s server with embedded etcd, secrets encryption on, one --kubelet-arg. */
export function k3sServer(): FakeHost {
  const K = '/var/lib/rancher/k3s';
  return fakeHost({
    hostname: 'k3s-1',
    processes: [
      [
        '/usr/local/bin/k3s',
        'server',
        '--secrets-encryption',
        '--kubelet-arg=hostname-override=k3s-one',
        `--token=${FLAG_SECRET}`,
        '--kube-apiserver-arg=audit-log-path=/var/log/audit.log',
      ],
    ],
    files: [
      { path: '/etc/systemd/system/k3s.service', mode: 0o644 },
      { path: `${K}/server/db/etcd`, mode: 0o700, dir: true },
      { path: `${K}/server/cred/admin.kubeconfig`, mode: 0o600 },
      { path: `${K}/server/cred/scheduler.kubeconfig`, mode: 0o600 },
      { path: `${K}/server/cred/controller.kubeconfig`, mode: 0o600 },
      {
        path: `${K}/server/cred/encryption-config.json`,
        mode: 0o600,
        content: JSON.stringify({
          kind: 'EncryptionConfiguration',
          apiVersion: 'apiserver.config.k8s.io/v1',
          resources: [
            { resources: ['secrets'], providers: [{ secretbox: { keys: [{ name: 'k', secret: ENCRYPTION_KEY }] } }, { identity: {} }] },
          ],
        }),
      },
      { path: `${K}/server/tls/server-ca.crt`, mode: 0o644 },
      { path: `${K}/server/tls/server-ca.key`, mode: 0o600 },
      { path: `${K}/agent/kubelet.kubeconfig`, mode: 0o600 },
      { path: `${K}/agent/kubeproxy.kubeconfig`, mode: 0o600 },
      { path: `${K}/agent/client-ca.crt`, mode: 0o644 },
      { path: `${K}/agent/etc/cni/net.d/10-flannel.conflist`, mode: 0o600 },
    ],
  });
}

import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeReportProblem, type NodeReport } from '../../src/core/node-report.js';
import { collectNodeReport } from '../../src/node/collect.js';
import { cli } from '../support/live.js';
import {
  CLUSTER_CA_FINGERPRINT,
  ENCRYPTION_KEY,
  ETCD_CA_FINGERPRINT,
  FLAG_SECRET,
  k3sServer,
  kubeadmControlPlane,
  kubeadmWorker,
  type FakeHost,
} from '../support/host-root.js';

const hosts: FakeHost[] = [];
const host = (h: FakeHost): FakeHost => (hosts.push(h), h);
afterAll(() => hosts.forEach((h) => rmSync(h.root, { recursive: true, force: true })));

const NOW = new Date('2026-12-01T00:00:00Z');
const collect = (h: FakeHost, nodeName?: string): NodeReport =>
  collectNodeReport({ hostRoot: h.root, procDir: h.proc, nodeName, env: {}, toolVersion: '0.1.0', now: NOW });
const fileOf = (r: NodeReport, role: string) => r.files.filter((f) => f.role === role);

describe('kaudit node on a kubeadm control plane', () => {
  const h = host(kubeadmControlPlane());
  const report = collect(h);

  it('finds the components, roles and node name, and the report matches the schema', () => {
    expect(nodeReportProblem(report)).toBeUndefined();
    expect(report).toMatchObject({
      kind: 'NodeReport',
      nodeReportVersion: 1,
      node: 'cp-1',
      distribution: 'kubeadm',
      roles: ['control-plane', 'worker'],
      collectedAt: '2026-12-01T00:00:00.000Z',
    });
    expect(report.components.map((c) => c.name)).toEqual([
      'kubelet',
      'kube-apiserver',
      'kube-controller-manager',
      'kube-scheduler',
      'etcd',
      'kube-proxy',
    ]);
    expect(report.components.find((c) => c.name === 'kube-apiserver')!.flags['oidc-client-secret']).toBe('<redacted>');
    expect(report.problems).toEqual([]);
  });

  it('states the files with where each path came from', () => {
    expect(fileOf(report, 'apiserver-manifest')).toEqual([
      {
        role: 'apiserver-manifest',
        path: '/etc/kubernetes/manifests/kube-apiserver.yaml',
        source: 'kubelet config staticPodPath',
        exists: true,
        type: 'file',
        mode: '0600',
        uid: 0,
        gid: 0,
        user: 'root',
        group: 'root',
      },
    ]);
    expect(fileOf(report, 'scheduler-manifest')[0]!.mode).toBe('0644');
    expect(fileOf(report, 'etcd-data-dir')).toEqual([
      {
        role: 'etcd-data-dir',
        path: '/var/lib/etcd',
        source: 'etcd --data-dir',
        exists: true,
        type: 'directory',
        mode: '0700',
        uid: 998,
        gid: 998,
        user: 'etcd',
        group: 'etcd',
      },
    ]);
    expect(fileOf(report, 'scheduler-kubeconfig')[0]).toMatchObject({
      path: '/etc/kubernetes/scheduler.conf',
      source: 'kube-scheduler --kubeconfig',
    });
    expect(fileOf(report, 'admin-kubeconfig')[0]).toMatchObject({
      path: '/etc/kubernetes/admin.conf',
      source: 'kubeadm default',
      mode: '0600',
    });
    expect(fileOf(report, 'pki-dir')[0]).toMatchObject({
      path: '/etc/kubernetes/pki',
      source: 'directory of kube-apiserver --client-ca-file',
      type: 'directory',
    });
    expect(fileOf(report, 'pki').map((f) => `${f.path} ${f.mode} ${f.source}`)).toEqual([
      '/etc/kubernetes/pki/apiserver.crt 0644 under /etc/kubernetes/pki',
      '/etc/kubernetes/pki/apiserver.key 0600 under /etc/kubernetes/pki',
      '/etc/kubernetes/pki/ca.crt 0644 under /etc/kubernetes/pki',
      '/etc/kubernetes/pki/etcd 0755 under /etc/kubernetes/pki',
      '/etc/kubernetes/pki/etcd/ca.crt 0644 under /etc/kubernetes/pki',
      '/etc/kubernetes/pki/etcd/ca.key 0600 under /etc/kubernetes/pki',
    ]);
    expect(fileOf(report, 'kubelet-client-ca')[0]).toMatchObject({
      path: '/etc/kubernetes/pki/ca.crt',
      source: 'kubelet config authentication.x509.clientCAFile',
      mode: '0644',
    });
    expect(fileOf(report, 'kubelet-kubeconfig')[0]).toMatchObject({ path: '/etc/kubernetes/kubelet.conf', source: 'kubelet --kubeconfig' });
    expect(fileOf(report, 'kubelet-config')[0]).toMatchObject({ path: '/var/lib/kubelet/config.yaml', source: 'kubelet --config' });
    expect(fileOf(report, 'kubelet-service').map((f) => f.path)).toEqual([
      '/usr/lib/systemd/system/kubelet.service',
      '/etc/systemd/system/kubelet.service.d/10-kubeadm.conf',
    ]);
    expect(fileOf(report, 'proxy-kubeconfig')).toEqual([
      {
        role: 'proxy-kubeconfig',
        path: '/var/lib/kube-proxy/kubeconfig.conf',
        source: 'kube-proxy config clientConnection.kubeconfig',
        exists: false,
      },
    ]);
    expect(fileOf(report, 'cni').map((f) => f.path)).toEqual(['/etc/cni/net.d/10-calico.conflist']);
  });

  it('keeps only provider types of the encryption configuration, the audit rules, and compares the etcd CA', () => {
    expect(report.encryption).toEqual({
      path: '/etc/kubernetes/enc/encryption.yaml',
      source: 'kube-apiserver --encryption-provider-config',
      resources: [
        { resources: ['secrets'], providers: ['aescbc', 'identity'] },
        { resources: ['configmaps'], providers: ['identity'] },
      ],
    });
    expect(report.auditPolicy?.rules).toEqual([
      { level: 'Metadata', resources: [{ group: '', resources: ['secrets', 'configmaps'] }] },
      {
        level: 'RequestResponse',
        verbs: ['create', 'update', 'patch', 'delete'],
        resources: [
          { group: '', resources: ['pods', 'pods/exec', 'pods/portforward', 'pods/proxy', 'services/proxy'] },
          { group: 'apps', resources: ['deployments'] },
        ],
      },
      { level: 'None', users: ['system:kube-proxy'] },
      { level: 'Metadata' },
    ]);
    expect(report.etcdCa).toEqual({
      etcd: { path: '/etc/kubernetes/pki/etcd/ca.crt', source: 'etcd --trusted-ca-file', fingerprint: ETCD_CA_FINGERPRINT },
      cluster: { path: '/etc/kubernetes/pki/ca.crt', source: 'kube-apiserver --client-ca-file', fingerprint: CLUSTER_CA_FINGERPRINT },
      same: false,
    });
  });

  it('the CLI writes it as one line of JSON, and neither the key nor a credential flag appears anywhere', async () => {
    const run = await cli(['node', '--host-root', h.root]);
    expect(run.code).toBe(0);
    expect(run.out.split('\n')).toHaveLength(2);
    const parsed = JSON.parse(run.out) as NodeReport;
    expect(nodeReportProblem(parsed)).toBeUndefined();
    expect(parsed.node).toBe('cp-1');
    expect(run.err).toMatch(/^kaudit: node cp-1: control-plane, worker; 2\d files stated, 0 problems\n$/);
    const out = join(h.root, 'report.json');
    expect((await cli(['node', '--host-root', h.root, '--node-name', 'Named-1', '-o', out])).code).toBe(0);
    const fromFile = readFileSync(out, 'utf8');
    expect(JSON.parse(fromFile).node).toBe('named-1');
    for (const text of [run.out, run.err, fromFile, JSON.stringify(report)]) {
      expect(text).not.toContain(ENCRYPTION_KEY);
      expect(text).not.toContain('key1');
      expect(text).not.toContain(FLAG_SECRET);
    }
  });
});

describe('kaudit node on a kubeadm worker and a k3s server', () => {
  it('a worker has worker files only', () => {
    const report = collect(host(kubeadmWorker()));
    expect(report).toMatchObject({ node: 'worker-1', roles: ['worker'], distribution: 'kubeadm', problems: [] });
    expect([...new Set(report.files.map((f) => f.role))]).toEqual([
      'cni-dir',
      'cni',
      'kubelet-service',
      'proxy-kubeconfig',
      'kubelet-kubeconfig',
      'kubelet-client-ca',
      'kubelet-config',
    ]);
    expect(fileOf(report, 'proxy-kubeconfig')[0]).toEqual({
      role: 'proxy-kubeconfig',
      path: '/var/lib/kube-proxy/kubeconfig.conf',
      source: 'kube-proxy --kubeconfig',
      exists: false,
    });
    expect(report.encryption).toBeUndefined();
    expect(report.etcdCa).toBeUndefined();
  });

  it('k3s: embedded components, k3s paths, no static pod manifests, secrets encryption read without its key', () => {
    const report = collect(host(k3sServer()));
    expect(nodeReportProblem(report)).toBeUndefined();
    expect(report).toMatchObject({ node: 'k3s-one', distribution: 'k3s', roles: ['control-plane', 'worker'] });
    expect(report.components.map((c) => `${c.name}${c.embeddedIn ? ` in ${c.embeddedIn}` : ''}`)).toEqual([
      'k3s',
      'kubelet in k3s',
      'kube-apiserver in k3s',
    ]);
    expect(report.components[0]!.flags.token).toBe('<redacted>');
    expect(report.files.filter((f) => f.role.endsWith('-manifest'))).toEqual([]);
    expect(fileOf(report, 'etcd-data-dir')[0]).toMatchObject({
      path: '/var/lib/rancher/k3s/server/db/etcd',
      source: 'k3s default',
      mode: '0700',
    });
    expect(fileOf(report, 'admin-kubeconfig')[0]).toMatchObject({
      path: '/var/lib/rancher/k3s/server/cred/admin.kubeconfig',
      source: 'k3s default',
    });
    expect(fileOf(report, 'pki').map((f) => f.path)).toEqual([
      '/var/lib/rancher/k3s/server/tls/server-ca.crt',
      '/var/lib/rancher/k3s/server/tls/server-ca.key',
    ]);
    expect(fileOf(report, 'kubelet-service')[0]!.path).toBe('/etc/systemd/system/k3s.service');
    expect(fileOf(report, 'kubelet-config')).toEqual([]);
    expect(report.encryption).toEqual({
      path: '/var/lib/rancher/k3s/server/cred/encryption-config.json',
      source: 'k3s --secrets-encryption default',
      resources: [{ resources: ['secrets'], providers: ['secretbox', 'identity'] }],
    });
    expect(JSON.stringify(report)).not.toContain(ENCRYPTION_KEY);
  });

  it('the kubelet configuration file: only the fields the kubelet checks judge (for when /configz cannot be read)', () => {
    const h = host(kubeadmWorker());
    writeFileSync(
      join(h.root, 'var/lib/kubelet/config.yaml'),
      'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nstaticPodPath: /etc/kubernetes/manifests\nauthentication:\n  anonymous: {enabled: false}\n  x509: {clientCAFile: /etc/kubernetes/pki/ca.crt}\nauthorization: {mode: Webhook}\nreadOnlyPort: 0\ntlsCipherSuites: [TLS_AES_128_GCM_SHA256]\nfeatureGates: {RotateKubeletServerCertificate: true, SomethingElse: true}\nclusterDNS: [10.96.0.10]\n',
    );
    const report = collect(h);
    expect(nodeReportProblem(report)).toBeUndefined();
    expect(report.kubeletConfig).toEqual({
      path: '/var/lib/kubelet/config.yaml',
      source: 'kubelet --config',
      settings: {
        authentication: { anonymous: { enabled: false }, x509: { clientCAFile: '/etc/kubernetes/pki/ca.crt' } },
        authorization: { mode: 'Webhook' },
        readOnlyPort: 0,
        featureGates: { RotateKubeletServerCertificate: true },
        tlsCipherSuites: ['TLS_AES_128_GCM_SHA256'],
      },
    });
    writeFileSync(join(h.root, 'var/lib/kubelet/config.yaml'), 'kind: KubeletConfiguration\nreadOnlyPort: [\n');
    const broken = collect(h);
    expect(broken.kubeletConfig).toBeUndefined();
    expect(broken.problems).toEqual([{ what: 'kubelet-config', path: '/var/lib/kubelet/config.yaml', reason: 'not valid YAML or JSON' }]);
  });

  it('KMS providers: the apiVersion of each (v1 when unset), never its name, endpoint or key', () => {
    const h = host(kubeadmControlPlane());
    writeFileSync(
      join(h.root, 'etc/kubernetes/enc/encryption.yaml'),
      [
        'apiVersion: apiserver.config.k8s.io/v1',
        'kind: EncryptionConfiguration',
        'resources:',
        '- resources: [secrets]',
        '  providers:',
        '  - kms: {apiVersion: v2, name: vault-kms-secret-name, endpoint: unix:///var/run/kms-endpoint-secret.sock, timeout: 3s}',
        '  - kms: {name: legacy-kms-name, endpoint: unix:///var/run/legacy-kms.sock, cachesize: 1000}',
        `  - aescbc: {keys: [{name: key1, secret: ${ENCRYPTION_KEY}}]}`,
        '  - identity: {}',
        '- resources: [configmaps]',
        '  providers: [{identity: {}}]',
        '',
      ].join('\n'),
    );
    const report = collect(h);
    expect(nodeReportProblem(report)).toBeUndefined();
    expect(report.encryption?.resources).toEqual([
      { resources: ['secrets'], providers: ['kms', 'kms', 'aescbc', 'identity'], kmsApiVersions: ['v2', 'v1'] },
      { resources: ['configmaps'], providers: ['identity'] },
    ]);
    const text = JSON.stringify(report);
    for (const secret of [ENCRYPTION_KEY, 'vault-kms-secret-name', 'kms-endpoint-secret', 'legacy-kms', '3s'])
      expect(text).not.toContain(secret);
  });

  it('records what it could not read, with why, and never the content of a malformed file', () => {
    const h = host(kubeadmControlPlane());
    writeFileSync(
      join(h.root, 'etc/kubernetes/enc/encryption.yaml'),
      `kind: EncryptionConfiguration\nresources: [\n  secret: ${ENCRYPTION_KEY}\n`,
    );
    rmSync(join(h.root, 'etc/kubernetes/audit/policy.yaml'));
    const report = collect(h);
    expect(report.problems).toEqual([
      { what: 'encryption', path: '/etc/kubernetes/enc/encryption.yaml', reason: 'not valid YAML or JSON' },
      { what: 'auditPolicy', path: '/etc/kubernetes/audit/policy.yaml', reason: 'cannot read (ENOENT)' },
    ]);
    expect(report.encryption).toBeUndefined();
    expect(JSON.stringify(report)).not.toContain(ENCRYPTION_KEY);
  });

  it('bad input is exit 2 with one line', async () => {
    const missing = await cli(['node', '--host-root', '/nonexistent-host-root']);
    expect(missing).toEqual({ code: 2, out: '', err: 'kaudit: --host-root /nonexistent-host-root: no such directory\n' });
    const every = await cli(['node', '--host-root', '/', '--every', '5x']);
    expect(every).toEqual({ code: 2, out: '', err: 'kaudit: --every: expected a duration such as 30m or 6h, at most 7d (got "5x")\n' });
  });
});

/**
 * `kaudit node`: one node report from the host, read-only, with no Kubernetes credentials and no
 * network request. Processes from <proc>, files stated under <hostRoot>, two kinds of file content
 * reduced as they are read (contents.ts). Whatever fails is recorded as a problem, never guessed.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import {
  NODE_REPORT_VERSION,
  type Distribution,
  type NodeComponent,
  type NodeProblem,
  type NodeReport,
  type NodeRole,
} from '../core/node-report.js';
import { readAuditPolicy, readCaFingerprint, readEncryption, readKubeletSettings, readPathFields } from './contents.js';
import { onHost, statLayout } from './files.js';
import { layoutFor, type LayoutInput, type PathCandidate } from './layout.js';
import { findProcesses } from './processes.js';

export interface NodeCollectOptions {
  /** Where the host's filesystem is mounted ('/' on the host itself). */
  hostRoot: string;
  /** The host's /proc (with hostPID a pod's own /proc shows the host's processes). */
  procDir: string;
  /** Overrides the node name ($NODE_NAME, the kubelet's --hostname-override, /etc/hostname). */
  nodeName?: string;
  env?: NodeJS.ProcessEnv;
  toolVersion: string;
  now?: Date;
}

const K3S_ENCRYPTION_CONFIG = '/var/lib/rancher/k3s/server/cred/encryption-config.json';

export function collectNodeReport(opts: NodeCollectOptions): NodeReport {
  const { hostRoot } = opts;
  const procs = findProcesses(opts.procDir);
  const problems: NodeProblem[] = [...procs.problems];
  const components = procs.components;
  const flag = (name: NodeComponent['name'], f: string): PathCandidate | undefined => {
    const path = components.find((x) => x.name === name && x.flags[f])?.flags[f];
    return path ? { path, source: `${name} --${f}` } : undefined;
  };
  const distribution = distributionOf(procs.mode?.distribution, components);
  const roles = rolesOf(components, procs.mode);

  const configPaths: LayoutInput['configPaths'] = {};
  const kubeletConfig = flag('kubelet', 'config');
  if (kubeletConfig) {
    const read = readPathFields(hostRoot, kubeletConfig, {
      staticPodPath: 'staticPodPath',
      clientCAFile: 'authentication.x509.clientCAFile',
    });
    if ('problem' in read) problems.push({ ...read.problem, what: 'kubelet-config' });
    else Object.assign(configPaths, read.value);
  }
  const proxyConfig = flag('kube-proxy', 'config');
  if (proxyConfig) {
    const read = readPathFields(hostRoot, proxyConfig, { proxyKubeconfig: 'clientConnection.kubeconfig' });
    if ('problem' in read) problems.push({ ...read.problem, what: 'proxy-kubeconfig' });
    else Object.assign(configPaths, read.value);
  }

  const { files, problems: fileProblems } = statLayout(hostRoot, layoutFor({ distribution, roles, components, configPaths }));
  problems.push(...fileProblems);
  const report: NodeReport = {
    kind: 'NodeReport',
    nodeReportVersion: NODE_REPORT_VERSION,
    node: nodeNameOf(opts, components),
    collectedAt: (opts.now ?? new Date()).toISOString(),
    tool: { name: 'kaudit', version: opts.toolVersion },
    distribution,
    roles,
    components,
    files,
    problems,
  };

  const encryptionAt =
    flag('kube-apiserver', 'encryption-provider-config') ??
    (distribution === 'k3s' && components.some((c) => c.name === 'k3s' && c.flags['secrets-encryption'] === 'true')
      ? { path: K3S_ENCRYPTION_CONFIG, source: 'k3s --secrets-encryption default' }
      : undefined);
  if (encryptionAt) {
    const read = readEncryption(hostRoot, encryptionAt);
    if ('problem' in read) problems.push(read.problem);
    else report.encryption = read.value;
  }
  const auditAt = flag('kube-apiserver', 'audit-policy-file');
  if (auditAt) {
    const read = readAuditPolicy(hostRoot, auditAt);
    if ('problem' in read) problems.push(read.problem);
    else report.auditPolicy = read.value;
  }
  if (kubeletConfig) {
    const read = readKubeletSettings(hostRoot, kubeletConfig);
    // A problem reading the file is already recorded (for its path fields) above.
    if ('value' in read) report.kubeletConfig = read.value;
    else if (!problems.some((p) => p.what === 'kubelet-config')) problems.push(read.problem);
  }
  const etcdCaAt = flag('etcd', 'trusted-ca-file');
  const clusterCaAt = flag('kube-apiserver', 'client-ca-file');
  if (etcdCaAt && clusterCaAt) {
    const etcd = readCaFingerprint(hostRoot, etcdCaAt);
    const cluster = readCaFingerprint(hostRoot, clusterCaAt);
    if ('problem' in etcd) problems.push(etcd.problem);
    if ('problem' in cluster) problems.push(cluster.problem);
    if ('value' in etcd && 'value' in cluster)
      report.etcdCa = { etcd: etcd.value, cluster: cluster.value, same: etcd.value.fingerprint === cluster.value.fingerprint };
  } else if (etcdCaAt) {
    problems.push({ what: 'etcdCa', reason: 'no kube-apiserver with --client-ca-file runs on this node to compare the etcd CA with' });
  }
  return report;
}

function distributionOf(mode: 'k3s' | 'rke2' | undefined, components: NodeComponent[]): Distribution {
  if (mode) return mode;
  if (components.some((c) => Object.values(c.flags).some((v) => v.includes('/var/lib/rancher/rke2')))) return 'rke2';
  return components.length ? 'kubeadm' : 'unknown';
}

function rolesOf(components: NodeComponent[], mode: { role: 'server' | 'agent' } | undefined): NodeRole[] {
  const roles: NodeRole[] = [];
  const names = new Set(components.map((c) => c.name));
  if (
    mode?.role === 'server' ||
    ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].some((n) => names.has(n as NodeComponent['name']))
  )
    roles.push('control-plane');
  if (mode || names.has('kubelet')) roles.push('worker');
  return roles;
}

function nodeNameOf(opts: NodeCollectOptions, components: NodeComponent[]): string {
  const fromFlags =
    components.find((c) => c.name === 'kubelet')?.flags['hostname-override'] ??
    components.find((c) => c.name === 'k3s' || c.name === 'rke2')?.flags['node-name'];
  const candidates = [opts.nodeName, (opts.env ?? process.env).NODE_NAME, fromFlags, hostFile(opts.hostRoot), hostname()];
  return candidates.map((c) => c?.trim().toLowerCase()).find((c) => c) ?? 'unknown';
}

function hostFile(hostRoot: string): string | undefined {
  try {
    return readFileSync(onHost(hostRoot, '/etc/hostname'), 'utf8').split('\n')[0];
  } catch {
    return undefined;
  }
}

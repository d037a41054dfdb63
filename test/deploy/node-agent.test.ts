/**
 * deploy/node-agent: the node agent DaemonSet and the scanner's Role for its logs, checked
 * statically (no cluster): least privilege, read-only mounts that cover every file the agent states
 * on a kubeadm control plane, flags the CLI knows, and the names the scanner looks for.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { AGENT_NAMESPACE, AGENT_SELECTOR } from '../../src/cluster/agent-reports.js';
import { packageRoot } from '../../src/io/package-root.js';
import type { ScanResult } from '../../src/core/result.js';
import { collectNodeReport } from '../../src/node/collect.js';
import { kubeadmControlPlane } from '../support/host-root.js';
import { cli } from '../support/live.js';

const dir = join(packageRoot(), 'deploy', 'node-agent');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const docs: any[] = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
  .sort()
  .flatMap((f) => parseAllDocuments(readFileSync(join(dir, f), 'utf8')).map((d) => d.toJS()));
const one = (kind: string) => docs.find((d) => d.kind === kind);
const ds = one('DaemonSet');
const pod = ds.spec.template.spec;
const container = pod.containers[0];

const host = kubeadmControlPlane();
afterAll(() => rmSync(host.root, { recursive: true, force: true }));

describe('deploy/node-agent', () => {
  it("holds the namespace, the agent and the scanner's Role, all in the agent namespace kaudit scan looks in", () => {
    expect(docs.map((d) => `${d.kind}/${d.metadata.namespace ?? '-'}/${d.metadata.name}`).sort()).toEqual([
      `DaemonSet/${AGENT_NAMESPACE}/kaudit-node`,
      `Namespace/-/${AGENT_NAMESPACE}`,
      `Role/${AGENT_NAMESPACE}/kaudit-node-reports`,
      `RoleBinding/${AGENT_NAMESPACE}/kaudit-node-reports`,
      `ServiceAccount/${AGENT_NAMESPACE}/kaudit-node`,
    ]);
    const [key, value] = AGENT_SELECTOR.split('=');
    expect(ds.spec.template.metadata.labels[key!]).toBe(value);
    expect(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')).toMatch(/^namespace: kaudit-node$/m);
  });

  it('the namespace allows privileged pods (hostPID and hostPath need it), and the agent holds no token', () => {
    expect(one('Namespace').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
    expect(one('ServiceAccount').automountServiceAccountToken).toBe(false);
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  it('runs with hostPID only, no privilege, every capability dropped, a read-only root filesystem', () => {
    expect([pod.hostPID, pod.hostNetwork, pod.hostIPC]).toEqual([true, undefined, undefined]);
    expect(container.securityContext).toEqual({
      privileged: false,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(pod.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
    expect(pod.tolerations).toEqual(
      expect.arrayContaining([{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }]),
    );
    expect(pod.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(container.env).toEqual([{ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }]);
  });

  it('mounts only hostPath volumes, read-only, under /host, and they cover every file the agent states on a kubeadm control plane', () => {
    expect(pod.volumes.every((v: { hostPath?: unknown }) => v.hostPath)).toBe(true);
    expect(
      container.volumeMounts.every(
        (m: { readOnly?: boolean; mountPath: string }) => m.readOnly === true && m.mountPath.startsWith('/host/'),
      ),
    ).toBe(true);
    const byName = new Map(pod.volumes.map((v: { name: string; hostPath: { path: string } }) => [v.name, v.hostPath.path]));
    for (const m of container.volumeMounts) expect(`/host${byName.get(m.name)}`).toBe(m.mountPath);
    const mounted: string[] = [...byName.values()] as string[];
    const report = collectNodeReport({ hostRoot: host.root, procDir: host.proc, env: {}, toolVersion: '0' });
    const paths = [
      ...report.files.filter((f) => f.exists).map((f) => f.path),
      report.encryption!.path,
      report.auditPolicy!.path,
      report.etcdCa!.etcd.path,
      report.etcdCa!.cluster.path,
    ];
    const outside = paths.filter((p) => !mounted.some((m) => p === m || p.startsWith(`${m}/`)));
    // Only kube-proxy's own config, which kubeadm keeps in a ConfigMap inside its pod, not on the host.
    expect(outside).toEqual([]);
    expect(mounted).not.toContain('/var/lib/kubelet');
    expect(mounted).not.toContain('/etc/shadow');
  });

  it('runs `kaudit node` with flags the command knows', () => {
    expect(container.args).toEqual(['node', '--host-root', '/host', '--proc', '/proc', '--every', '6h']);
    // yargs prints help with console.log, so the installed entry point is run in a child process.
    const help = spawnSync(process.execPath, [join(packageRoot(), 'bin', 'kaudit.js'), 'node', '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    for (const flag of container.args.filter((a: string) => a.startsWith('--'))) expect(help.stdout).toMatch(new RegExp(`\\s${flag}\\s`));
  });

  it("grants the scanner get on pods/log in the agent's namespace only", () => {
    expect(one('Role').rules).toEqual([{ apiGroups: [''], resources: ['pods/log'], verbs: ['get'] }]);
    expect(one('RoleBinding').roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'kaudit-node-reports' });
    expect(one('RoleBinding').subjects).toEqual([{ kind: 'ServiceAccount', name: 'kaudit', namespace: 'kaudit' }]);
  });

  it("scanned by kaudit: baseline fails exactly on host namespaces and hostPath volumes (and the namespace's privileged level)", async () => {
    const out = join(host.root, 'agent-report.json');
    const run = await cli(['scan', '--manifests', dir, '-b', 'pss-baseline', '-o', out]);
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as ScanResult;
    // (namespace-enforce: the namespace enforces privileged, not baseline, by design.)
    expect(report.controls.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual([
      'host-namespaces',
      'hostpath-volumes',
      'namespace-enforce',
    ]);
  });
});

/**
 * `kaudit demo` end to end: the bundled cluster served by the loopback API server, scanned through
 * the real client, reports written. Expected results follow src/demo/cluster/README.md.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ControlResult, ScanResult } from '../../src/core/result.js';
import { loadProfiles } from '../../src/profiles/load.js';
import { cli, type CliRun } from '../support/live.js';
import { validReport } from '../support/schema.js';

let dir: string;
let run: CliRun;
let report: ScanResult;
const control = (profile: string, id: string): ControlResult => {
  const c = report.controls.find((x) => x.profile === profile && x.id === id);
  if (!c) throw new Error(`no control ${profile} ${id}`);
  return c;
};
const cis = (id: string) => control('cis-1.12', id);
const ref = (r: { kind: string; namespace?: string; name: string }) => `${r.kind}/${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
const failing = (c: ControlResult) => [...new Set(c.findings.filter((f) => f.status === 'fail').map((f) => ref(f.resource)))].sort();
/** Failing objects outside system namespaces (those are listed in brackets in the demo README). */
const failingApps = (c: ControlResult) =>
  [...new Set(c.findings.filter((f) => f.status === 'fail' && !f.system).map((f) => ref(f.resource)))].sort();

// The whole demo (serve, collect, five profiles, three reports) in one hook: on a loaded 2-core machine
// it can take longer than the default 30 s per test.
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kaudit-demo-'));
  run = await cli(['demo', '--output-dir', dir]);
  report = validReport(readFileSync(join(dir, 'kaudit-demo.json'), 'utf8'));
}, 120_000); // a whole demo scan through the CLI: seconds alone, much longer on a loaded 2-core machine
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kaudit demo', () => {
  it('scans the demo cluster through the real client and writes every report format', () => {
    expect(run.code).toBe(0);
    const files = ['json', 'yaml', 'txt', 'wide.txt', 'html', 'xml', 'sarif', 'csv', 'md', 'prom'].map((ext) => `kaudit-demo.${ext}`);
    expect(readdirSync(dir).sort()).toEqual([...files].sort());
    // Every shipped profile, in file order.
    expect(report.profiles).toEqual(loadProfiles().map((p) => p.id));
    expect(run.out).toBe(`Reports written:\n${files.map((f) => `  ${join(dir, f)}\n`).join('')}`);
    expect(report.scan.source).toMatchObject({ type: 'live', context: 'kaudit-demo', kubernetesVersion: 'v1.33.4', platform: 'kubeadm' });
    expect(report.coverage).toEqual([]);
  });

  it('scores every CIS section 5 control as the demo README says', () => {
    const expected: Record<string, string[]> = {
      '5.1.1': ['ClusterRoleBinding/legacy-default-admin'],
      '5.1.2': ['ClusterRoleBinding/ci-deployer', 'ClusterRoleBinding/legacy-default-admin', 'RoleBinding/payments/reporter-secrets'],
      '5.1.3': ['ClusterRole/ci-deployer'],
      '5.1.4': ['ClusterRoleBinding/ci-deployer', 'ClusterRoleBinding/legacy-default-admin'],
      '5.1.5': [
        'ClusterRoleBinding/legacy-default-admin',
        'Deployment/legacy/old-app',
        'Pod/default/debug-shell',
        'ServiceAccount/default/default',
        'ServiceAccount/legacy/default',
      ],
      '5.1.6': ['Pod/default/debug-shell'],
      '5.1.7': [],
      '5.1.8': ['ClusterRoleBinding/ci-deployer', 'ClusterRoleBinding/legacy-default-admin', 'ClusterRoleBinding/platform-rbac-manager'],
      '5.1.10': ['ClusterRoleBinding/ci-deployer', 'ClusterRoleBinding/legacy-default-admin', 'ClusterRoleBinding/prometheus-node-metrics'],
      '5.2.1': ['Namespace/default', 'Namespace/legacy', 'Namespace/monitoring'],
      '5.2.2': ['Deployment/legacy/old-app'],
      '5.2.3': ['DaemonSet/monitoring/node-exporter', 'Deployment/legacy/old-app'],
      '5.2.4': [],
      '5.2.5': ['DaemonSet/monitoring/node-exporter'],
      '5.2.6': ['Deployment/legacy/old-app', 'Pod/default/debug-shell', 'StatefulSet/payments/processor'],
      '5.2.7': ['Deployment/legacy/old-app', 'Pod/default/debug-shell'],
      '5.2.8': ['Deployment/legacy/old-app', 'Pod/default/debug-shell', 'StatefulSet/payments/processor'],
      '5.2.9': ['Deployment/legacy/old-app', 'Pod/default/debug-shell', 'StatefulSet/payments/processor'],
      '5.2.10': [],
      '5.2.11': ['DaemonSet/monitoring/node-exporter', 'Deployment/legacy/old-app'],
      '5.2.12': ['DaemonSet/monitoring/node-exporter'],
      '5.3.1': [],
      '5.3.2': ['Namespace/ci', 'Namespace/default', 'Namespace/legacy', 'Namespace/monitoring'],
      '5.4.1': ['StatefulSet/payments/processor'],
      '5.6.2': ['Deployment/legacy/old-app', 'Pod/default/debug-shell', 'StatefulSet/payments/processor'],
      '5.6.3': ['Deployment/legacy/old-app', 'Pod/default/debug-shell', 'StatefulSet/payments/processor'],
      '5.6.4': ['Pod/default/debug-shell'],
    };
    const actual = Object.fromEntries(Object.keys(expected).map((id) => [id, failingApps(cis(id))]));
    expect(actual).toEqual(expected);
    for (const [id, objects] of Object.entries(expected)) expect([id, cis(id).status]).toEqual([id, objects.length ? 'fail' : 'pass']);
  });

  it('scores the control plane and kubelets as the demo README says', () => {
    const failingIds = [
      '1.2.1',
      '1.2.3',
      '1.2.5',
      '1.2.9',
      '1.2.11',
      '1.2.15',
      '1.2.16',
      '1.2.17',
      '1.2.18',
      '1.2.19',
      '1.2.27',
      '1.2.28',
      '1.2.29',
      '1.2.30',
      '1.3.1',
      '1.3.2',
      '2.5',
      '3.2.1',
      '3.2.2',
      '4.2.1',
      '4.2.2',
      '4.2.4',
      '4.2.7',
      '4.2.14',
      '4.3.1',
    ];
    const sections = report.controls.filter(
      (c) => c.profile === 'cis-1.12' && /^(1\.[234]|2|3\.2|4\.[23])\./.test(`${c.id}.`) && c.checks.length,
    );
    expect(sections.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(failingIds);
    expect(sections.filter((c) => c.status !== 'fail' && c.status !== 'pass').map((c) => `${c.id} ${c.status}`)).toEqual([]);
    expect(failing(cis('1.2.1'))).toEqual(['Pod/kube-system/kube-apiserver-cp-1']);
    expect(failing(cis('4.2.1'))).toEqual(['Node/worker-2']);
    expect(failing(cis('4.2.14'))).toEqual(['Node/cp-1', 'Node/worker-1', 'Node/worker-2']);
    expect(cis('4.3.1').status).toBe('fail');
    expect(cis('4.3.1').findings.map((f) => [ref(f.resource), f.path, f.observed])).toEqual([
      ['ConfigMap/kube-system/kube-proxy', '/data/config.conf', 'metricsBindAddress: "0.0.0.0:10249" in config.conf'],
    ]);
  });

  it('does not judge the service accounts of mirror pods: static pods run as none and mount no token', () => {
    const pods = (c: ControlResult) => failing(c).filter((r) => r.startsWith('Pod/'));
    expect(pods(cis('5.1.5'))).toEqual(['Pod/default/debug-shell']);
    expect(pods(cis('5.1.6'))).toEqual(['Pod/default/debug-shell']);
    expect(failing(control('kaudit-rbac', 'KR-2.2'))).toEqual(['CronJob/ci/nightly', 'Deployment/legacy/old-app']);
  });

  it('attributes pod findings to workloads with the number of pods', () => {
    const oldApp = cis('5.2.2').findings.find((f) => f.resource.name === 'old-app')!;
    expect(oldApp).toMatchObject({
      checkId: 'pss-privileged',
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'legacy', name: 'old-app' },
      podCount: 2,
      path: '/spec/template/spec/containers/0/securityContext/privileged',
    });
    const exporter = cis('5.2.12').findings.filter((f) => f.resource.name === 'node-exporter');
    expect(exporter.map((f) => f.podCount)).toEqual([3]);
  });

  it('marks findings in system namespaces', () => {
    const kubeProxy = cis('5.2.2').findings.find((f) => f.resource.name === 'kube-proxy');
    expect(kubeProxy).toMatchObject({ system: true, resource: { kind: 'DaemonSet', namespace: 'kube-system' } });
  });

  it('scores the Pod Security Standards profiles: shop passes restricted, legacy fails baseline', () => {
    const baseline = report.controls.filter((c) => c.profile === 'pss-baseline');
    const restricted = report.controls.filter((c) => c.profile === 'pss-restricted');
    const inNamespace = (r: { kind: string; namespace?: string; name: string }, ns: string) =>
      r.namespace === ns || (r.kind === 'Namespace' && r.name === ns);
    const objectsIn = (cs: ControlResult[], ns: string) =>
      [...new Set(cs.flatMap((c) => c.findings.filter((f) => inNamespace(f.resource, ns)).map((f) => ref(f.resource))))].sort();
    expect(objectsIn(restricted, 'shop')).toEqual([]);
    expect(objectsIn(restricted, 'ci')).toEqual([]);
    expect(objectsIn(baseline, 'legacy')).toEqual(['Deployment/legacy/old-app', 'Namespace/legacy']);
    const legacy = baseline.find((c) => c.id === 'namespace-enforce')!.findings.find((f) => f.resource.name === 'legacy')!;
    expect(legacy.message).toBe(
      'namespace legacy has no pod-security.kubernetes.io/enforce label; if it enforced baseline:latest, 1 workload would be rejected: Deployment/old-app; if it enforced restricted:latest, 1 workload would be rejected: Deployment/old-app',
    );
    expect(objectsIn(baseline, 'payments')).toEqual(['StatefulSet/payments/processor']);
  });

  it('finds cluster-admin bound to legacy/default (5.1.1)', () => {
    expect(cis('5.1.1').status).toBe('fail');
    expect(failing(cis('5.1.1'))).toEqual(['ClusterRoleBinding/legacy-default-admin']);
  });

  it('finds the namespaces without NetworkPolicies (5.3.2)', () => {
    expect(failing(cis('5.3.2'))).toEqual(['Namespace/ci', 'Namespace/default', 'Namespace/legacy', 'Namespace/monitoring']);
  });

  it('puts legacy/old-app first in the exposure evidence: LoadBalancer, fails pss-baseline and runs as cluster-admin-equivalent legacy/default', () => {
    const first = (id: string) => control('kaudit-network', id).findings[0];
    expect(first('KN-3.1')).toMatchObject({
      checkId: 'service-external-exposure',
      resource: { kind: 'Service', namespace: 'legacy', name: 'old-app' },
      message:
        'Service old-app (LoadBalancer) exposes Deployment old-app (fails pss-baseline: hostNamespaces, privileged, hostPathVolumes; runs as cluster-admin-equivalent ServiceAccount legacy/default)',
    });
    expect(first('KN-3.4')).toMatchObject({
      checkId: 'exposure-baseline-failing',
      resource: { kind: 'Service', namespace: 'legacy', name: 'old-app' },
      message:
        'Service old-app (LoadBalancer) exposes Deployment old-app, which fails pss-baseline: hostNamespaces, privileged, hostPathVolumes, and runs as cluster-admin-equivalent ServiceAccount legacy/default',
    });
  });

  it('judges every node-host control from the demo node reports, none left not-assessed', () => {
    const statuses = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, cis(id).status]));
    const fileIds = [...Array.from({ length: 21 }, (_, i) => `1.1.${i + 1}`), ...Array.from({ length: 10 }, (_, i) => `4.1.${i + 1}`)];
    const failingIds = ['1.1.9', '1.1.12', '1.1.21', '1.2.28', '3.2.2', '4.1.1', '4.1.5', '4.1.9', '4.2.7'];
    expect(statuses([...fileIds, '1.2.28', '2.7', '3.2.2', '4.2.7'])).toEqual(
      Object.fromEntries(
        [...fileIds, '1.2.28', '2.7', '3.2.2', '4.2.7'].map((id) => [
          id,
          failingIds.includes(id) ? 'fail' : ['4.1.3', '4.1.4'].includes(id) ? 'not-applicable' : 'pass',
        ]),
      ),
    );
    expect(report.controls.filter((c) => c.profile === 'cis-1.12' && c.status === 'not-assessed').map((c) => c.id)).toEqual([]);
    expect(failing(cis('4.1.1'))).toEqual(['Node/cp-1', 'Node/worker-2']);
    expect(cis('1.1.12').findings[0]).toMatchObject({
      path: '/var/lib/etcd',
      observed: 'root:root',
      expected: 'etcd:etcd',
      message: 'node cp-1: /var/lib/etcd (etcd --data-dir) is owned by root:root, expected etcd:etcd',
    });
    expect(cis('4.2.7').findings.map((f) => f.message)).toEqual([
      'kubelet on node worker-2 sets --hostname-override=worker-2.internal.example.com',
    ]);
  });

  it('never writes a secret value', () => {
    const all = readdirSync(dir)
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    for (const value of ['ZmFrZQ==', 'changeme-not-real', 'abcdef.0123456789abcdef', '0123456789abcdef']) expect(all).not.toContain(value);
  });

  it('scores the hardening profile as README section 8 says: some layers present, some absent', () => {
    const kh = (id: string) => control('kaudit-hardening', id);
    const statuses = Object.fromEntries(report.controls.filter((c) => c.profile === 'kaudit-hardening').map((c) => [c.id, c.status]));
    expect(statuses).toEqual({
      'KH-1.1': 'fail',
      'KH-1.2': 'fail',
      'KH-2.1': 'manual',
      'KH-2.2': 'fail',
      'KH-2.3': 'fail',
      'KH-2.4': 'fail',
      'KH-3.1': 'fail',
      'KH-3.2': 'fail',
      'KH-3.3': 'fail',
      'KH-3.4': 'fail',
      'KH-4.1': 'fail',
      'KH-5.1': 'fail',
      'KH-5.2': 'fail',
      'KH-5.3': 'fail',
      'KH-6.1': 'pass',
      'KH-6.2': 'fail',
      'KH-7.1': 'manual',
      'KH-7.2': 'fail',
      'KH-8.1': 'fail',
      'KH-8.2': 'pass',
      'KH-8.3': 'fail',
      'KH-9.1': 'fail',
    });
    // The demo serves v1.33, whose support ended on 2026-06-28: a fail from then on, whatever the day.
    expect(kh('KH-1.1').findings[0]!.message).toMatch(
      /^Kubernetes v1\.33\.4: 1\.33 reached its end of support on 2026-06-28 \(release table of 2025-12-17, as of \d{4}-\d{2}-\d{2}\)$/,
    );
    expect(kh('KH-1.2').findings.map((f) => f.message)).toEqual([
      'Node worker-2 runs kubelet v1.29.15, 4 minors behind kube-apiserver v1.33.4 (at most 3 allowed)',
    ]);
    expect(kh('KH-2.1').reason).toBe(
      'no allowedRegistries option set; registries in use: docker.io (6 containers), quay.io (1 container), registry.example.com (4 containers), registry.k8s.io (6 containers)',
    );
    expect(failing(kh('KH-2.4'))).toEqual(['VulnerabilityReport/legacy/replicaset-old-app-qskqj8czgq-old-app']);
    // Per workload: the ReplicaSet trivy-operator scanned is named through its Deployment.
    expect(kh('KH-2.4').findings[0]?.message).toBe(
      'Deployment old-app (ReplicaSet old-app-qskqj8czgq) container old-app (library/nginx:latest) has 3 critical and 11 high vulnerabilities',
    );
    expect(kh('KH-3.1').findings.map((f) => f.observed)).toEqual([
      'Kyverno: 1 object; Gatekeeper not installed; ValidatingAdmissionPolicy not installed',
    ]);
    expect(failing(kh('KH-3.3'))).toEqual([
      'MutatingWebhookConfiguration/policy-guard-mutating',
      'ValidatingWebhookConfiguration/policy-guard-validating',
    ]);
    expect(kh('KH-4.1').findings.map((f) => f.message)).toEqual([
      'No runtime threat-detection agent runs in the cluster (no known agent DaemonSet among calico-node, kube-proxy, node-exporter)',
    ]);
    expect(failing(kh('KH-8.1'))).toEqual(['Namespace/ci', 'Namespace/default', 'Namespace/legacy', 'Namespace/monitoring']);
    // The last good backup is of 2026-11-01: stale from 2026-11-03 on.
    expect(kh('KH-9.1').findings.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^The last successful Velero backup \(velero\/daily-cluster-20261101020000\) completed \d+ hours ago, more than 48$/,
      ),
    ]);
  });
});

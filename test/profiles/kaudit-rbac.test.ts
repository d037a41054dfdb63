import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { demoClusterDir } from '../../src/demo/inventory.js';
import { loadProfiles } from '../../src/profiles/load.js';
import { cli } from '../support/live.js';

/** What the demo adds to kubeadm's RBAC (see src/demo/cluster/README.md); everything else is kubeadm's or Kubernetes'. */
const NOT_KUBEADM = new Set([
  'calico-node',
  'calico-cni-plugin',
  'ci-deployer',
  'platform-rbac-manager',
  'node-metrics-reader',
  'namespace-viewer',
  'legacy-default-admin',
  'prometheus-node-metrics',
  'developers-namespace-viewer',
  'api-leader-election',
  'reporter-secrets',
  'dashboards-viewer',
]);

interface Report {
  controls: {
    id: string;
    status: string;
    findings: { checkId: string; resource: { kind: string; namespace?: string; name: string }; message: string; podCount?: number }[];
  }[];
}

const scan = async (args: string[]): Promise<{ code: number; report: Report }> => {
  const run = await cli(['scan', ...args, '-b', 'kaudit-rbac', '-f', 'json']);
  return { code: run.code, report: JSON.parse(run.out) as Report };
};

describe('kaudit-rbac profile', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kaudit-kubeadm-'));
    const docs = parseAllDocuments(readFileSync(join(demoClusterDir(), '30-rbac.yaml'), 'utf8')).filter(
      (d) => !NOT_KUBEADM.has(String(d.getIn(['metadata', 'name']))),
    );
    writeFileSync(join(dir, 'rbac.yaml'), docs.map((d) => d.toString()).join('---\n'));
    for (const f of ['00-cluster.yaml', '10-control-plane.yaml', '40-workloads-kube-system.yaml'])
      writeFileSync(join(dir, f), readFileSync(join(demoClusterDir(), f)));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds one automated control per beyond-CIS RBAC check', () => {
    const profile = loadProfiles().find((p) => p.id === 'kaudit-rbac')!;
    const controls = profile.sections.flatMap((s) => s.controls);
    expect(controls.map((c) => `${c.id} ${c.checks.join(',')}`)).toEqual([
      'KR-1.1 rbac-anonymous-bindings',
      'KR-1.2 rbac-pod-exec',
      'KR-1.3 rbac-builtin-defaults',
      'KR-2.1 rbac-escalation-path',
      'KR-2.2 rbac-workload-identity',
      'KR-2.3 rbac-legacy-token-readers',
      'KR-3.1 rbac-unused-powerful-sa',
      'KR-3.2 rbac-dangling-binding',
    ]);
    expect(controls.every((c) => c.type === 'automated')).toBe(true);
  });

  it("raises nothing on the built-in roles and bindings of a kubeadm cluster (Kubernetes' and kubeadm's defaults)", async () => {
    const { code, report } = await scan(['--manifests', dir]);
    expect(code).toBe(0);
    expect(report.controls.map((c) => [c.id, c.status, c.findings.length])).toEqual([
      ['KR-1.1', 'pass', 0],
      ['KR-1.2', 'pass', 0],
      // Manifests carry no server version: the defaults to compare with are unknown (test/checks/rbac-builtin-defaults.test.ts
      // runs the same kubeadm RBAC at 1.33 and finds nothing).
      ['KR-1.3', 'not-assessed', 0],
      ['KR-2.1', 'pass', 0],
      ['KR-2.2', 'pass', 0],
      ['KR-2.3', 'pass', 0],
      ['KR-3.1', 'pass', 0],
      ['KR-3.2', 'pass', 0],
    ]);
  });

  it('finds the demo cluster’s escalation paths and dangerous workload identities', async () => {
    const { report } = await scan(['--manifests', demoClusterDir()]);
    const ref = (r: { kind: string; namespace?: string; name: string }) => `${r.kind}/${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
    expect(
      Object.fromEntries(
        report.controls.map((c) => [
          c.id,
          [c.status, ...c.findings.map((f) => `${f.checkId} ${ref(f.resource)}${f.podCount !== undefined ? ` pods=${f.podCount}` : ''}`)],
        ]),
      ),
    ).toEqual({
      'KR-1.1': ['fail', 'rbac-anonymous-bindings RoleBinding/monitoring/dashboards-viewer'],
      'KR-1.2': ['fail', 'rbac-pod-exec ClusterRoleBinding/ci-deployer', 'rbac-pod-exec ClusterRoleBinding/legacy-default-admin'],
      'KR-1.3': ['not-assessed'],
      'KR-2.1': [
        'fail',
        'rbac-escalation-path ClusterRoleBinding/ci-deployer',
        'rbac-escalation-path ClusterRoleBinding/legacy-default-admin',
        'rbac-escalation-path ClusterRoleBinding/platform-rbac-manager',
        'rbac-escalation-path ClusterRoleBinding/prometheus-node-metrics',
      ],
      // rbac-workload-identity ranks its findings (meta.ordered): old-app is exposed by a LoadBalancer and cluster-admin.
      'KR-2.2': ['fail', 'rbac-workload-identity Deployment/legacy/old-app pods=2', 'rbac-workload-identity CronJob/ci/nightly pods=1'],
      'KR-2.3': ['fail', 'rbac-legacy-token-readers Secret/monitoring/prometheus-token'],
      'KR-3.1': ['fail', 'rbac-unused-powerful-sa ServiceAccount/monitoring/prometheus'],
      'KR-3.2': ['pass'],
    });
    const path = report.controls.find((c) => c.id === 'KR-2.1')!.findings.find((f) => f.resource.name === 'prometheus-node-metrics')!;
    // The exposed and powerful workload: old-app behind the LoadBalancer Service legacy/old-app.
    expect(report.controls.find((c) => c.id === 'KR-2.2')!.findings.map((f) => f.message)).toContain(
      'Deployment legacy/old-app runs as ServiceAccount legacy/default with its token mounted, which holds every verb on every resource cluster-wide, and is exposed by Service legacy/old-app (LoadBalancer)',
    );
    expect(path.message).toBe(
      'ServiceAccount monitoring/prometheus can reach cluster-admin power in 2 steps, starting with: can reach every kubelet API through nodes/proxy (exec into any pod on the node)',
    );
  });
});

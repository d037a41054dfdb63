import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import coverage from '../../checks/netpol-namespace-coverage.js';
import defaultDeny from '../../checks/netpol-namespace-default-deny.js';
import egressIsolation from '../../checks/netpol-workload-egress-isolation.js';
import ingressIsolation from '../../checks/netpol-workload-ingress-isolation.js';
import { htmlChunks } from '../../reports/html.js';
import { terminalChunks } from '../../reports/terminal.js';
import { collectInventory } from '../../src/cluster/collect.js';
import { KubeHttp } from '../../src/cluster/http.js';
import { resolveConnection } from '../../src/cluster/kubeconfig.js';
import type { Inventory, InventoryKey } from '../../src/core/inventory.js';
import type { ScanResult } from '../../src/core/result.js';
import type { UnevaluatedKind } from '../../src/core/unevaluated-netpol.js';
import { evaluateCheck } from '../../src/engine/evaluate.js';
import { packageRoot } from '../../src/io/package-root.js';
import { inventoryFromManifests } from '../../src/offline/manifests.js';
import { readSnapshot, writeSnapshot } from '../../src/offline/snapshot.js';
import { cli, live, type Live } from '../support/live.js';
import { validReport } from '../support/schema.js';

const FIXTURE = join(packageRoot(), 'test', 'fixtures', 'netpol-model', 'unevaluated.yaml');
const manifests = (): Inventory => inventoryFromManifests([{ name: 'unevaluated.yaml', text: readFileSync(FIXTURE, 'utf8') }]).inventory;

const ANTREA: UnevaluatedKind = {
  group: 'crd.antrea.io',
  version: 'v1beta1',
  resource: 'clusternetworkpolicies',
  kind: 'ClusterNetworkPolicy',
};
const ANP: UnevaluatedKind = {
  group: 'policy.networking.k8s.io',
  version: 'v1alpha1',
  resource: 'adminnetworkpolicies',
  kind: 'AdminNetworkPolicy',
};
const STAGED: UnevaluatedKind = {
  group: 'crd.projectcalico.org',
  version: 'v1',
  resource: 'stagednetworkpolicies',
  kind: 'StagedNetworkPolicy',
};
// A group neither in the table nor fetched for a kind kaudit reads: discovery does not look at it.
const WIDGET: UnevaluatedKind = { group: 'example.com', version: 'v1', resource: 'widgetnetworkpolicies', kind: 'WidgetNetworkPolicy' };

const SAY_ANTREA =
  'ClusterNetworkPolicy (crd.antrea.io) is served but not evaluated by kaudit: it may isolate pods counted open here, or admit traffic NetworkPolicies deny (AdminNetworkPolicy and Antrea rules are applied before them)';
const SAY_STAGED =
  'StagedNetworkPolicy (crd.projectcalico.org) is served but not evaluated by kaudit: it may isolate pods counted open here, or admit traffic NetworkPolicies deny (AdminNetworkPolicy and Antrea rules are applied before them)';
const SAY_ANP =
  'AdminNetworkPolicy (policy.networking.k8s.io) is served but not evaluated by kaudit: it may isolate pods counted open here, or admit traffic NetworkPolicies deny (AdminNetworkPolicy and Antrea rules are applied before them)';

const KEYS: InventoryKey[] = [
  ...new Set([
    ...ingressIsolation.meta.requires,
    ...coverage.meta.requires,
    ...defaultDeny.meta.requires,
    ...egressIsolation.meta.requires,
  ]),
];

/** The cluster: the fixture, Calico served (its group version is fetched anyway, so the name rule finds StagedNetworkPolicy there). */
function cluster(unevaluated: UnevaluatedKind[]): Inventory {
  const inv = manifests();
  inv.served = { calicoNetworkPolicies: 'crd.projectcalico.org/v1' };
  inv.unevaluatedNetworkPolicyKinds = unevaluated;
  return inv;
}

async function collect(env: Live): Promise<Inventory> {
  const conn = resolveConnection({ kubeconfig: env.kubeconfig });
  const http = new KubeHttp(conn.kc, conn.server, { timeoutMs: 5000, retries: 1, backoffMs: 10 });
  try {
    return await collectInventory(http, { keys: KEYS, concurrency: 4 });
  } finally {
    await http.close();
  }
}

describe('network-policy kinds kaudit does not evaluate, served through discovery', () => {
  let env: Live;
  let inv: Inventory;
  beforeAll(async () => {
    env = await live({ inventory: cluster([ANTREA, STAGED, ANP, WIDGET]) });
    inv = await collect(env);
  });
  afterAll(async () => env.close());

  it('names the table kinds and *networkpolicies of fetched groups, with discovery requests only', () => {
    expect(inv.coverage).toEqual([]);
    expect(inv.unevaluatedNetworkPolicyKinds).toEqual([ANTREA, STAGED, ANP]);
    const touched = env.server.requests.filter((r) =>
      /^\/apis\/(crd\.antrea\.io|policy\.networking\.k8s\.io|crd\.projectcalico\.org|example\.com)\b/.test(r.path),
    );
    // Never listed or read: one discovery GET per group version, the Calico one shared with the kinds kaudit reads.
    expect(touched.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'GET /apis/crd.antrea.io/v1beta1',
      'GET /apis/crd.projectcalico.org/v1',
      'GET /apis/crd.projectcalico.org/v1/networkpolicies',
      'GET /apis/policy.networking.k8s.io/v1alpha1',
    ]);
  });

  it('the isolation checks stay failing and name them in the evidence', () => {
    const suffix = `; ${SAY_ANTREA}; ${SAY_STAGED}; ${SAY_ANP}`;
    expect(evaluateCheck(ingressIsolation, inv, {}).findings.map((f) => [f.resource.namespace, f.resource.name, f.observed])).toEqual([
      ['shop', 'web', `labels {app=web}: 0 NetworkPolicies in namespace shop, none selects them for ingress${suffix}`],
    ]);
    expect(evaluateCheck(egressIsolation, inv, {}).findings.map((f) => f.observed)).toEqual([
      `labels {app=web}: 0 NetworkPolicies in namespace shop, none selects them for egress${suffix}`,
    ]);
    expect(evaluateCheck(coverage, inv, {}).findings.map((f) => [f.message, f.observed])).toEqual([
      [
        'namespace shop has no NetworkPolicy (1 pods, none isolated)',
        `0 NetworkPolicies; 0/1 pods isolated for ingress, 0/1 for egress${suffix}`,
      ],
    ]);
    expect(evaluateCheck(defaultDeny, inv, {}).findings.map((f) => f.observed)).toEqual([
      `0 NetworkPolicies, none with podSelector: {} (or a Cilium/Calico selector of every pod) and Ingress in policyTypes${suffix}`,
      `0 NetworkPolicies, none with podSelector: {} (or a Cilium/Calico selector of every pod) and Egress in policyTypes${suffix}`,
    ]);
  });

  it('kaudit netpol names them (table and JSON), and so does netpol reach', async () => {
    const table = await cli(['netpol', '--kubeconfig', env.kubeconfig]);
    expect(table.code).toBe(0);
    expect(table.out.split('\n').filter((l) => l.startsWith('Not evaluated'))).toEqual([
      `Not evaluated: ${SAY_ANTREA}`,
      `Not evaluated: ${SAY_STAGED}`,
      `Not evaluated: ${SAY_ANP}`,
    ]);
    const json = await cli(['netpol', '--kubeconfig', env.kubeconfig, '-f', 'json']);
    expect((JSON.parse(json.out) as { unevaluated: string[] }).unevaluated).toEqual([SAY_ANTREA, SAY_STAGED, SAY_ANP]);
    const reach = await cli(['netpol', 'reach', 'shop/web', '--port', '80', '--kubeconfig', env.kubeconfig, '-f', 'json']);
    expect((JSON.parse(reach.out) as { caveats: string[] }).caveats).toEqual([SAY_ANTREA, SAY_STAGED, SAY_ANP]);
  });

  it("the report's network section names them (JSON, terminal, HTML)", async () => {
    const run = await cli(['scan', '--kubeconfig', env.kubeconfig, '-f', 'json', '-b', 'kaudit-network']);
    const report = validReport<ScanResult>(run.out);
    expect(report.network?.unevaluated).toEqual([SAY_ANTREA, SAY_STAGED, SAY_ANP]);
    const terminal = [...terminalChunks(report, { columns: 400 })].join('').split('\n');
    expect(terminal.filter((l) => l.startsWith('  Not evaluated'))).toEqual([
      `  Not evaluated: ${SAY_ANTREA}`,
      `  Not evaluated: ${SAY_STAGED}`,
      `  Not evaluated: ${SAY_ANP}`,
    ]);
    const html = [...htmlChunks(report)].join('');
    const section = html.slice(html.indexOf('<section id="network">'), html.indexOf('<section id="controls">'));
    expect(section).toContain(`<li>${SAY_ANP}</li>`);
  });
});

describe('a cluster serving none of them', () => {
  it('names nothing, and the evidence says nothing of them', async () => {
    const env = await live({ inventory: cluster([]) });
    try {
      const inv = await collect(env);
      expect(inv.unevaluatedNetworkPolicyKinds).toEqual([]);
      expect(evaluateCheck(ingressIsolation, inv, {}).findings.map((f) => f.observed)).toEqual([
        'labels {app=web}: 0 NetworkPolicies in namespace shop, none selects them for ingress',
      ]);
      const report = validReport<ScanResult>(
        (await cli(['scan', '--kubeconfig', env.kubeconfig, '-f', 'json', '-b', 'kaudit-network'])).out,
      );
      expect(report.network && 'unevaluated' in report.network).toBe(false);
    } finally {
      await env.close();
    }
  });
});

describe('a provider group whose resource list cannot be read', () => {
  it("names the table's kinds of that group at the version /apis lists", async () => {
    const env = await live({ inventory: cluster([ANTREA, ANP]) });
    try {
      env.server.addFault({ path: '/apis/policy.networking.k8s.io/v1alpha1', type: '500', times: Infinity });
      const inv = await collect(env);
      expect(inv.unevaluatedNetworkPolicyKinds.map((k) => `${k.kind} ${k.group}/${k.version}`)).toEqual([
        'ClusterNetworkPolicy crd.antrea.io/v1beta1',
        'AdminNetworkPolicy policy.networking.k8s.io/v1alpha1',
        'BaselineAdminNetworkPolicy policy.networking.k8s.io/v1alpha1',
        'ClusterNetworkPolicy policy.networking.k8s.io/v1alpha1',
      ]);
    } finally {
      await env.close();
    }
  });
});

describe('offline', () => {
  it('a manifest object or CRD of such a kind is named at its version', () => {
    expect(manifests().unevaluatedNetworkPolicyKinds).toEqual([ANTREA, ANP]);
  });

  it('kaudit netpol on the manifests names them', async () => {
    const run = await cli(['netpol', '--manifests', FIXTURE, '--format', 'json']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.out) as { unevaluated: string[] }).unevaluated).toEqual([SAY_ANTREA, SAY_ANP]);
  });

  describe('snapshots', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'kaudit-unevaluated-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('keep them (round trip)', async () => {
      const file = join(dir, 'snap.json');
      await writeSnapshot(file, manifests());
      expect(readSnapshot(file).unevaluatedNetworkPolicyKinds).toEqual([ANTREA, ANP]);
    });

    it('written before they were named still load, with none', async () => {
      const file = join(dir, 'old.json');
      const { unevaluatedNetworkPolicyKinds: _gone, ...old } = manifests();
      writeFileSync(file, JSON.stringify(old));
      expect(readSnapshot(file).unevaluatedNetworkPolicyKinds).toEqual([]);
    });

    it('refuse a malformed entry with one clear line', () => {
      const file = join(dir, 'bad.json');
      writeFileSync(file, JSON.stringify({ ...manifests(), unevaluatedNetworkPolicyKinds: [{ group: 'x', kind: 'Y' }] }));
      expect(() => readSnapshot(file)).toThrow(
        `snapshot ${file}: unevaluatedNetworkPolicyKinds[0] is not an unevaluated network-policy kind: "version" must be a non-empty string`,
      );
    });
  });
});

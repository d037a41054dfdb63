import { afterEach, describe, expect, it } from '@jest/globals';
import { resolveConnection } from '../../src/cluster/kubeconfig.js';
import { KubeHttp } from '../../src/cluster/http.js';
import { collectInventory } from '../../src/cluster/collect.js';
import { emptyInventory, servedState, type Inventory, type InventoryKey } from '../../src/core/inventory.js';
import type { KObject } from '../../src/core/k8s.js';
import { live, type Live } from '../support/live.js';
import type { ForbiddenRule } from '../../src/apiserver/index.js';

/** A cluster with Kyverno (one ClusterPolicy), Velero served without objects, External Secrets at its older version only. */
function cluster(): Inventory {
  const inv = emptyInventory({ type: 'snapshot', collectedAt: '2026-12-01T00:00:00Z' });
  inv.version = { major: '1', minor: '33', gitVersion: 'v1.33.4' };
  for (const ns of ['shop', 'velero']) inv.namespaces.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  inv.nodes.push({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } });
  inv.kyvernoClusterPolicies.push({
    apiVersion: 'kyverno.io/v1',
    kind: 'ClusterPolicy',
    metadata: { name: 'require-labels' },
    spec: { validationFailureAction: 'Enforce', rules: [] },
  });
  inv.externalSecrets.push({
    apiVersion: 'external-secrets.io/v1beta1',
    kind: 'ExternalSecret',
    metadata: { name: 'db', namespace: 'shop' },
    spec: { secretStoreRef: { name: 'vault' } },
  });
  inv.served = { kyvernoClusterPolicies: 'kyverno.io/v1', veleroSchedules: 'velero.io/v1', externalSecrets: 'external-secrets.io/v1beta1' };
  return inv;
}

let env: Live | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

async function collect(inv: Inventory, keys: InventoryKey[], forbidden: ForbiddenRule[] = [], namespaces?: string[]) {
  env = await live({ inventory: inv, forbidden });
  const conn = resolveConnection({ kubeconfig: env.kubeconfig });
  const http = new KubeHttp(conn.kc, conn.server, { timeoutMs: 5000, retries: 1, backoffMs: 10 });
  try {
    return await collectInventory(http, { keys, concurrency: 4, namespaces });
  } finally {
    await http.close();
  }
}

const WANTED: InventoryKey[] = [
  'kyvernoClusterPolicies',
  'kyvernoPolicies',
  'veleroSchedules',
  'externalSecrets',
  'peerAuthentications',
  'gatekeeperConstraintTemplates',
];

describe('optional kinds through discovery of the loopback API server', () => {
  it('reads the served kinds (at the version served), records the others as not served, in one discovery pass', async () => {
    const inv = await collect(cluster(), WANTED);
    expect(inv.coverage).toEqual([]);
    expect(inv.served).toEqual({
      kyvernoClusterPolicies: 'kyverno.io/v1',
      veleroSchedules: 'velero.io/v1',
      externalSecrets: 'external-secrets.io/v1beta1',
    });
    expect(inv.kyvernoClusterPolicies.map((p) => [p.apiVersion, p.kind, p.metadata.name])).toEqual([
      ['kyverno.io/v1', 'ClusterPolicy', 'require-labels'],
    ]);
    expect(inv.externalSecrets.map((p) => [p.apiVersion, p.metadata.namespace, p.metadata.name])).toEqual([
      ['external-secrets.io/v1beta1', 'shop', 'db'],
    ]);
    expect(inv.veleroSchedules).toEqual([]);
    const states = Object.fromEntries(WANTED.map((k) => [k, servedState(inv, k as never)]));
    expect(states).toEqual({
      kyvernoClusterPolicies: 'served',
      // Kyverno's group is served, its Policy kind is not in this cluster's resource list.
      kyvernoPolicies: 'not-served',
      veleroSchedules: 'served',
      externalSecrets: 'served',
      peerAuthentications: 'not-served',
      gatekeeperConstraintTemplates: 'not-served',
    });
    for (const k of WANTED) expect(inv.collected).toContain(k);
    const discovery = env!.server.requests
      .filter((r) => r.path.startsWith('/apis') && !/\/(clusterpolicies|schedules|externalsecrets)$/.test(r.path))
      .map((r) => r.path);
    // /apis once; then only the group versions /apis lists for wanted kinds (v1 of external-secrets.io is not served: v1beta1 is).
    expect(discovery.sort()).toEqual(['/apis', '/apis/external-secrets.io/v1beta1', '/apis/kyverno.io/v1', '/apis/velero.io/v1']);
    // Nothing not served was listed.
    expect(env!.server.requests.filter((r) => /peerauthentications|constrainttemplates|\/policies$/.test(r.path))).toEqual([]);
  });

  it('a forbidden optional kind is in coverage (unread), never not served', async () => {
    const inv = await collect(cluster(), WANTED, [{ resource: 'clusterpolicies' }]);
    expect(inv.coverage.map((c) => [c.key, c.status])).toEqual([['kyvernoClusterPolicies', 403]]);
    expect(servedState(inv, 'kyvernoClusterPolicies')).toBe('unread');
    expect(servedState(inv, 'veleroSchedules')).toBe('served');
  });

  it('a failed discovery leaves every wanted optional kind unread, with the reason', async () => {
    env = undefined;
    const inv0 = cluster();
    env = await live({ inventory: inv0 });
    env.server.addFault({ path: /^\/apis$/, type: '500', times: Infinity });
    const conn = resolveConnection({ kubeconfig: env.kubeconfig });
    const http = new KubeHttp(conn.kc, conn.server, { timeoutMs: 5000, retries: 0, backoffMs: 10 });
    const inv = await collectInventory(http, { keys: ['kyvernoClusterPolicies', 'veleroSchedules', 'pods'], concurrency: 2 }).finally(() =>
      http.close(),
    );
    expect(inv.coverage.map((c) => [c.key, c.status, c.reason])).toEqual([
      ['kyvernoClusterPolicies', 500, 'discovery (/apis): InternalError: Internal error occurred: injected fault'],
      ['veleroSchedules', 500, 'discovery (/apis): InternalError: Internal error occurred: injected fault'],
    ]);
    expect(servedState(inv, 'veleroSchedules')).toBe('unread');
    expect(inv.served).toEqual({});
  });

  it('namespace-scoped reads of a served optional kind', async () => {
    const inv = await collect(cluster(), ['externalSecrets'], [], ['shop']);
    expect(inv.externalSecrets.map((o: KObject) => o.metadata.name)).toEqual(['db']);
    expect(env!.server.requests.some((r) => r.path === '/apis/external-secrets.io/v1beta1/namespaces/shop/externalsecrets')).toBe(true);
  });

  it('no optional kind wanted: no discovery request at all', async () => {
    await collect(cluster(), ['pods']);
    expect(env!.server.requests.filter((r) => r.path.startsWith('/apis/') || r.path === '/apis')).toEqual([]);
  });

  it('the server lists an optional kind only where the Inventory serves it, at that version', async () => {
    env = await live({ inventory: cluster() });
    const conn = resolveConnection({ kubeconfig: env.kubeconfig });
    const http = new KubeHttp(conn.kc, conn.server, { timeoutMs: 5000, retries: 0, backoffMs: 10 });
    try {
      const groups = (await http.getJson<{ groups: { name: string; versions: { version: string }[] }[] }>('/apis')).groups;
      expect(
        groups
          .filter((g) => ['kyverno.io', 'velero.io', 'external-secrets.io', 'security.istio.io'].includes(g.name))
          .map((g) => [g.name, g.versions.map((v) => v.version)]),
      ).toEqual([
        ['kyverno.io', ['v1']],
        ['external-secrets.io', ['v1beta1']],
        ['velero.io', ['v1']],
      ]);
      const kyverno = await http.getJson<{ resources: { name: string }[] }>('/apis/kyverno.io/v1');
      expect(kyverno.resources.map((r) => r.name)).toEqual(['clusterpolicies']);
      await expect(http.getJson('/apis/external-secrets.io/v1/externalsecrets')).rejects.toMatchObject({ status: 404 });
      await expect(http.getJson('/apis/security.istio.io/v1/peerauthentications')).rejects.toMatchObject({ status: 404 });
    } finally {
      await http.close();
    }
  });

  describe('Gatekeeper constraints (one kind per ConstraintTemplate, listed through discovery)', () => {
    const withConstraints = (): Inventory => {
      const inv = cluster();
      inv.gatekeeperConstraintTemplates.push({
        apiVersion: 'templates.gatekeeper.sh/v1',
        kind: 'ConstraintTemplate',
        metadata: { name: 'k8srequiredlabels' },
      });
      inv.served.gatekeeperConstraintTemplates = 'templates.gatekeeper.sh/v1';
      inv.gatekeeperConstraints = [
        { kind: 'K8sRequiredLabels', name: 'ns-team', enforcementAction: 'deny', matchKinds: ['Namespace'] },
        { kind: 'K8sAllowedRepos', name: 'repos', enforcementAction: 'dryrun', matchKinds: [] },
      ];
      inv.served.gatekeeperConstraints = 'constraints.gatekeeper.sh/v1beta1';
      return inv;
    };

    it('served: each kind the group lists is read, kept as kind, name, action and match kinds', async () => {
      const inv = await collect(withConstraints(), ['gatekeeperConstraints', 'gatekeeperConstraintTemplates']);
      expect(inv.coverage).toEqual([]);
      expect(servedState(inv, 'gatekeeperConstraints')).toBe('served');
      expect(inv.served.gatekeeperConstraints).toBe('constraints.gatekeeper.sh/v1beta1');
      expect(inv.gatekeeperConstraints).toEqual([
        { kind: 'K8sRequiredLabels', name: 'ns-team', enforcementAction: 'deny', matchKinds: ['Namespace'] },
        { kind: 'K8sAllowedRepos', name: 'repos', enforcementAction: 'dryrun', matchKinds: [] },
      ]);
      const paths = env!.server.requests.map((r) => r.path).filter((p) => p.includes('constraints.gatekeeper.sh'));
      expect(paths.sort()).toEqual([
        '/apis/constraints.gatekeeper.sh/v1beta1',
        '/apis/constraints.gatekeeper.sh/v1beta1/k8sallowedrepos',
        '/apis/constraints.gatekeeper.sh/v1beta1/k8srequiredlabels',
      ]);
      // /apis is read once for the optional kinds and the constraints together.
      expect(env!.server.requests.filter((r) => r.path === '/apis')).toHaveLength(1);
    });

    it('not served (no template, no Gatekeeper): collected, none exist, nothing listed', async () => {
      const inv = await collect(cluster(), ['gatekeeperConstraints']);
      expect(inv.coverage).toEqual([]);
      expect(inv.collected).toContain('gatekeeperConstraints');
      expect(servedState(inv, 'gatekeeperConstraints')).toBe('not-served');
      expect(env!.server.requests.filter((r) => r.path.includes('constraints.gatekeeper.sh'))).toEqual([]);
    });

    it('a forbidden constraint kind is coverage (unread), and the admission control is not assessed, never a pass', async () => {
      const inv = await collect(withConstraints(), ['gatekeeperConstraints'], [{ resource: 'k8srequiredlabels' }]);
      expect(inv.coverage.map((c) => [c.key, c.kind, c.status])).toEqual([['gatekeeperConstraints', 'K8sRequiredLabels', 403]]);
      expect(servedState(inv, 'gatekeeperConstraints')).toBe('unread');
      expect(inv.gatekeeperConstraints.map((c) => c.name)).toEqual(['repos']);
      const { runScan } = await import('../../src/engine/scan.js');
      const { loadCatalog } = await import('../../src/pipeline/registry.js');
      const catalog = loadCatalog();
      const profile = {
        id: 't',
        title: 't',
        version: '1',
        sections: [
          { id: '1', title: 's', controls: [{ id: '1.1', title: 'c', checks: ['admission-policy-engine-enforcing'], scored: true }] },
        ],
      };
      const result = runScan({
        inventory: inv,
        profiles: [profile as never],
        registry: catalog.checks,
        startedAt: new Date(),
        toolVersion: 't',
      });
      expect(result.controls.map((c) => c.status)).toEqual(['not-assessed']);
    });

    it("the permission preflight asks for list on the group's resources", async () => {
      const { accessNeeds } = await import('../../src/cluster/access.js');
      expect(accessNeeds(['gatekeeperConstraints'])).toEqual([
        { key: 'gatekeeperConstraints', verb: 'list', group: 'constraints.gatekeeper.sh', resource: '*' },
      ]);
    });

    it('the server serves a constraint kind only where the Inventory serves it, at that version', async () => {
      env = await live({ inventory: withConstraints() });
      const conn = resolveConnection({ kubeconfig: env.kubeconfig });
      const http = new KubeHttp(conn.kc, conn.server, { timeoutMs: 5000, retries: 0, backoffMs: 10 });
      try {
        const list = await http.getJson<{ kind: string; items: { metadata: { name: string }; spec: unknown }[] }>(
          '/apis/constraints.gatekeeper.sh/v1beta1/k8srequiredlabels',
        );
        expect(list.kind).toBe('K8sRequiredLabelsList');
        expect(list.items).toEqual([
          {
            metadata: { name: 'ns-team' },
            spec: { enforcementAction: 'deny', match: { kinds: [{ apiGroups: ['*'], kinds: ['Namespace'] }] } },
          },
        ]);
        await expect(http.getJson('/apis/constraints.gatekeeper.sh/v1/k8srequiredlabels')).rejects.toMatchObject({ status: 404 });
        await expect(http.getJson('/apis/constraints.gatekeeper.sh/v1beta1/k8snothing')).rejects.toMatchObject({ status: 404 });
      } finally {
        await http.close();
      }
    });
  });
});

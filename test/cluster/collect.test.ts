import { afterEach, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConnection } from '../../src/cluster/kubeconfig.js';
import { KubeHttp } from '../../src/cluster/http.js';
import { collectInventory } from '../../src/cluster/collect.js';
import { emptyInventory, type Inventory, type InventoryKey } from '../../src/core/inventory.js';
import type { KObject } from '../../src/core/k8s.js';
import { LAST_APPLIED } from '../../src/core/sanitize.js';
import { live, type Live } from '../support/live.js';

function pod(namespace: string, name: string, extra: Partial<KObject> = {}): KObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, uid: `uid-${namespace}-${name}` }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] }, ...extra };
}

function cluster(podCount: number): Inventory {
  const inv = emptyInventory({ type: 'snapshot', collectedAt: '2026-11-24T00:00:00Z' });
  inv.version = { major: '1', minor: '33', gitVersion: 'v1.33.4' };
  for (const ns of ['a', 'b', 'kube-system']) inv.namespaces.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  for (let i = 0; i < podCount; i++) inv.pods.push(pod(i % 2 ? 'a' : 'b', `p-${String(i).padStart(5, '0')}`));
  inv.nodes.push({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', labels: { 'node-role.kubernetes.io/control-plane': '' } } });
  inv.kubelets.push({ node: 'n1', config: { authentication: { anonymous: { enabled: false } } } });
  inv.secrets.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'a' }, type: 'Opaque' });
  inv.roles.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r', namespace: 'a', annotations: { [LAST_APPLIED]: '{"secret":"hunter2"}', keep: 'me' }, managedFields: [{ manager: 'kubectl' }] }, rules: [] });
  return inv;
}

let env: Live | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

async function collect(inv: Inventory, keys: InventoryKey[], setup?: (l: Live) => void, opts: { pageSize?: number; namespaces?: string[] } = {}) {
  env = await live({ inventory: inv });
  setup?.(env);
  const conn = resolveConnection({ kubeconfig: env.kubeconfig });
  const http = new KubeHttp(conn.kc, conn.server, { timeoutMs: 5000, retries: 4, backoffMs: 10 });
  try {
    return await collectInventory(http, { keys, concurrency: 4, context: conn.contextName, server: conn.server, ...opts });
  } finally {
    await http.close();
  }
}

describe('collection through @kubernetes/client-node against the loopback API server', () => {
  it('pages through many pages with limit 500 and continue', async () => {
    const inv = await collect(cluster(1234), ['pods']);
    expect(inv.pods).toHaveLength(1234);
    expect(new Set(inv.pods.map((p) => p.metadata.name)).size).toBe(1234);
    expect(inv.pods[0]).toMatchObject({ apiVersion: 'v1', kind: 'Pod' });
    const podLists = env!.server.requests.filter((r) => r.path === '/api/v1/pods');
    expect(podLists.map((r) => r.query.limit)).toEqual(['500', '500', '500']);
    expect(podLists.map((r) => Boolean(r.query.continue))).toEqual([false, true, true]);
    expect(inv.coverage).toEqual([]);
    expect(inv.source).toMatchObject({ type: 'live', context: 'test' });
  });

  it('restarts a list whose continue token expired (410 Gone)', async () => {
    const inv = await collect(cluster(1200), ['pods'], (l) => l.server.addFault({ path: '/api/v1/pods', type: '410', onlyWithContinue: true }));
    expect(inv.pods).toHaveLength(1200);
    const podLists = env!.server.requests.filter((r) => r.path === '/api/v1/pods');
    expect(podLists.map((r) => [r.status, Boolean(r.query.continue)])).toEqual([
      [200, false],
      [410, true],
      [200, false],
      [200, true],
      [200, true],
    ]);
  });

  it('retries 429 after Retry-After, and 500 and resets with backoff', async () => {
    const started = Date.now();
    const inv = await collect(cluster(10), ['pods', 'roles'], (l) => {
      l.server.addFault({ path: '/api/v1/pods', type: '429', retryAfterSeconds: 1 });
      l.server.addFault({ path: '/apis/rbac.authorization.k8s.io/v1/roles', type: '500' });
      l.server.addFault({ path: '/apis/rbac.authorization.k8s.io/v1/roles', type: 'reset' });
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(inv.pods).toHaveLength(10);
    expect(inv.roles).toHaveLength(1);
    expect(env!.server.requests.filter((r) => r.path === '/api/v1/pods').map((r) => r.status)).toEqual([429, 200]);
    expect(env!.server.requests.filter((r) => r.path.endsWith('/roles')).map((r) => r.status)).toEqual([500, 0, 200]);
    expect(inv.coverage).toEqual([]);
  });

  it('records a 403 on one kind in coverage and collects the others', async () => {
    const inv = await collect(cluster(3), ['pods', 'secrets', 'roles'], (l) => l.server.setForbidden([{ resource: 'secrets' }]));
    expect(inv.pods).toHaveLength(3);
    expect(inv.roles).toHaveLength(1);
    expect(inv.secrets).toEqual([]);
    expect(inv.coverage).toEqual([
      { key: 'secrets', kind: 'Secret', status: 403, reason: 'Forbidden: secrets is forbidden: User "kaudit" cannot list resource "secrets" in API group "" at the cluster scope' },
      { key: 'secrets', kind: 'Secret', namespace: 'a', status: 403, reason: 'Forbidden: secrets is forbidden: User "kaudit" cannot list resource "secrets" in API group "" in the namespace "a"' },
      { key: 'secrets', kind: 'Secret', namespace: 'b', status: 403, reason: 'Forbidden: secrets is forbidden: User "kaudit" cannot list resource "secrets" in API group "" in the namespace "b"' },
      { key: 'secrets', kind: 'Secret', namespace: 'kube-system', status: 403, reason: 'Forbidden: secrets is forbidden: User "kaudit" cannot list resource "secrets" in API group "" in the namespace "kube-system"' },
    ].filter((c) => c.namespace !== undefined));
    expect(inv.collected).toEqual(expect.arrayContaining(['pods', 'roles', 'secrets']));
  });

  it('falls back to per-namespace lists when only namespaces are allowed', async () => {
    const inv = await collect(cluster(6), ['pods'], (l) => l.server.setForbidden([{ resource: 'pods', namespace: 'kube-system' }]));
    expect(inv.pods).toHaveLength(6);
    expect(inv.coverage).toEqual([
      { key: 'pods', kind: 'Pod', namespace: 'kube-system', status: 403, reason: 'Forbidden: pods is forbidden: User "kaudit" cannot list resource "pods" in API group "" in the namespace "kube-system"' },
    ]);
  });

  it('reads secrets as metadata only, and drops last-applied-configuration and managedFields', async () => {
    const inv = await collect(cluster(1), ['secrets', 'roles']);
    expect(inv.secrets).toEqual([{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'a' } }]);
    const accepts = env!.server.requests.filter((r) => r.path === '/api/v1/secrets').map((r) => r.accept);
    expect(accepts).toEqual(['application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json']);
    expect(inv.roles[0].metadata.annotations).toEqual({ keep: 'me' });
    expect(inv.roles[0].metadata.managedFields).toBeUndefined();
    expect(JSON.stringify(inv)).not.toContain('hunter2');
  });

  it('reads kubelet configz per node and records the nodes it could not read', async () => {
    const inv0 = cluster(1);
    inv0.nodes.push({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n2' } });
    const inv = await collect(inv0, ['kubelets']);
    expect(inv.kubelets).toEqual([{ node: 'n1', config: { authentication: { anonymous: { enabled: false } } } }]);
    expect(inv.coverage).toEqual([{ key: 'kubelets', kind: 'Node', node: 'n2', status: 503, reason: expect.stringContaining('configz: ServiceUnavailable') }]);
  });

  it('limits namespaced kinds to -n namespaces', async () => {
    const inv = await collect(cluster(10), ['pods', 'namespaces'], undefined, { namespaces: ['a'] });
    expect(new Set(inv.pods.map((p) => p.metadata.namespace))).toEqual(new Set(['a']));
    expect(inv.namespaces.map((n) => n.metadata.name)).toEqual(['a']);
    expect(env!.server.requests.some((r) => r.path === '/api/v1/namespaces/a/pods')).toBe(true);
    expect(env!.server.requests.some((r) => r.path === '/api/v1/pods')).toBe(false);
  });

  it('sends only GET requests', async () => {
    await collect(cluster(5), ['pods', 'secrets', 'roles', 'clusterRoleBindings', 'kubelets', 'controlPlane', 'networkPolicies', 'namespaces']);
    expect(new Set(env!.server.requests.map((r) => r.method))).toEqual(new Set(['GET']));
  });

  it('only fetches what the checks require (plus version and nodes)', async () => {
    await collect(cluster(5), ['roles']);
    const paths = [...new Set(env!.server.requests.map((r) => r.path))].sort();
    expect(paths).toEqual(['/api/v1/namespaces', '/api/v1/nodes', '/apis/rbac.authorization.k8s.io/v1/roles', '/version']);
  });
});

describe('kubeconfig resolution', () => {
  it('picks a context from a merged $KUBECONFIG, first definition wins', async () => {
    const l = await live({ inventory: cluster(1) }, 'real');
    env = l;
    const other = join(l.dir, 'other');
    writeFileSync(
      other,
      `apiVersion: v1
kind: Config
current-context: elsewhere
clusters: [{name: nowhere, cluster: {server: 'https://127.0.0.1:1'}}]
users: [{name: nobody, user: {token: x}}]
contexts:
- {name: elsewhere, context: {cluster: nowhere, user: nobody}}
- {name: real, context: {cluster: nowhere, user: nobody}}
`,
    );
    const conn = resolveConnection({ context: 'real', env: { KUBECONFIG: `${l.kubeconfig}:${other}` } });
    expect(conn.server).toBe(l.server.url);
    const current = resolveConnection({ env: { KUBECONFIG: `${other}:${l.kubeconfig}` } });
    expect(current.contextName).toBe('elsewhere');
    expect(() => resolveConnection({ context: 'missing', env: { KUBECONFIG: `${other}:${l.kubeconfig}` } })).toThrow(/context "missing" not found in kubeconfig .* \(contexts: elsewhere, real\)/);
  });

  it('uses the in-cluster service account from its folder', async () => {
    const l = await live({ inventory: cluster(2) });
    env = l;
    const root = l.dir;
    const sa = join(root, 'var/run/secrets/kubernetes.io/serviceaccount');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(sa, { recursive: true });
    writeFileSync(join(sa, 'token'), l.server.token);
    writeFileSync(join(sa, 'ca.crt'), l.server.caPem);
    writeFileSync(join(sa, 'namespace'), 'kaudit');
    const url = new URL(l.server.url);
    const conn = resolveConnection({ inClusterRoot: root, env: { KUBERNETES_SERVICE_HOST: url.hostname, KUBERNETES_SERVICE_PORT: url.port, HOME: join(root, 'home') } });
    expect(conn).toMatchObject({ inCluster: true, namespace: 'kaudit', server: l.server.url });
    const http = new KubeHttp(conn.kc, conn.server, { timeoutMs: 5000, retries: 0, backoffMs: 10 });
    const inv = await collectInventory(http, { keys: ['pods'], concurrency: 2 });
    await http.close();
    expect(inv.pods).toHaveLength(2);
  });
});

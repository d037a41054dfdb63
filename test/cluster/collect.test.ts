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
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, uid: `uid-${namespace}-${name}` },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
    ...extra,
  };
}

function cluster(podCount: number): Inventory {
  const inv = emptyInventory({ type: 'snapshot', collectedAt: '2026-11-24T00:00:00Z' });
  inv.version = { major: '1', minor: '33', gitVersion: 'v1.33.4' };
  for (const ns of ['a', 'b', 'kube-system']) inv.namespaces.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  for (let i = 0; i < podCount; i++) inv.pods.push(pod(i % 2 ? 'a' : 'b', `p-${String(i).padStart(5, '0')}`));
  inv.nodes.push({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', labels: { 'node-role.kubernetes.io/control-plane': '' } } });
  inv.kubelets.push({ node: 'n1', config: { authentication: { anonymous: { enabled: false } } } });
  inv.secrets.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'a' }, type: 'Opaque' });
  inv.roles.push({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: {
      name: 'r',
      namespace: 'a',
      annotations: { [LAST_APPLIED]: '{"secret":"hunter2"}', keep: 'me' },
      managedFields: [{ manager: 'kubectl' }],
    },
    rules: [],
  });
  return inv;
}

let env: Live | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

type CollectExtra = {
  pageSize?: number;
  namespaces?: string[];
  maxListObjects?: number;
  listTimeoutMs?: number;
  timeoutMs?: number;
  retries?: number;
  identity?: boolean;
};

async function collect(
  inv: Inventory,
  keys: InventoryKey[],
  setup?: (l: Live) => void,
  { timeoutMs = 5000, retries = 4, ...opts }: CollectExtra = {},
) {
  env = await live({ inventory: inv });
  setup?.(env);
  const conn = resolveConnection({ kubeconfig: env.kubeconfig });
  const http = new KubeHttp(conn.kc, conn.server, { timeoutMs, retries, backoffMs: 10 });
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
    const inv = await collect(cluster(1200), ['pods'], (l) =>
      l.server.addFault({ path: '/api/v1/pods', type: '410', onlyWithContinue: true }),
    );
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
    expect(inv.coverage).toEqual(
      [
        {
          key: 'secrets',
          kind: 'Secret',
          status: 403,
          reason: 'Forbidden: secrets is forbidden: User "kaudit" cannot list resource "secrets" in API group "" at the cluster scope',
        },
        {
          key: 'secrets',
          kind: 'Secret',
          namespace: 'a',
          status: 403,
          reason: 'Forbidden: secrets is forbidden: User "kaudit" cannot list resource "secrets" in API group "" in the namespace "a"',
        },
        {
          key: 'secrets',
          kind: 'Secret',
          namespace: 'b',
          status: 403,
          reason: 'Forbidden: secrets is forbidden: User "kaudit" cannot list resource "secrets" in API group "" in the namespace "b"',
        },
        {
          key: 'secrets',
          kind: 'Secret',
          namespace: 'kube-system',
          status: 403,
          reason:
            'Forbidden: secrets is forbidden: User "kaudit" cannot list resource "secrets" in API group "" in the namespace "kube-system"',
        },
      ].filter((c) => c.namespace !== undefined),
    );
    expect(inv.collected).toEqual(expect.arrayContaining(['pods', 'roles', 'secrets']));
  });

  it('falls back to per-namespace lists when only namespaces are allowed', async () => {
    const inv = await collect(cluster(6), ['pods'], (l) => l.server.setForbidden([{ resource: 'pods', namespace: 'kube-system' }]));
    expect(inv.pods).toHaveLength(6);
    expect(inv.coverage).toEqual([
      {
        key: 'pods',
        kind: 'Pod',
        namespace: 'kube-system',
        status: 403,
        reason: 'Forbidden: pods is forbidden: User "kaudit" cannot list resource "pods" in API group "" in the namespace "kube-system"',
      },
    ]);
  });

  it('reads secrets as metadata only, and drops last-applied-configuration and managedFields', async () => {
    const inv = await collect(cluster(1), ['secrets', 'roles']);
    expect(inv.secrets).toEqual([{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'a' } }]);
    const accepts = env!.server.requests.filter((r) => r.path === '/api/v1/secrets').map((r) => r.accept);
    expect(accepts).toEqual(['application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json']);
    expect(inv.roles[0]!.metadata.annotations).toEqual({ keep: 'me' });
    expect(inv.roles[0]!.metadata.managedFields).toBeUndefined();
    expect(JSON.stringify(inv)).not.toContain('hunter2');
  });

  it('reads kubelet configz per node and records the nodes it could not read', async () => {
    const inv0 = cluster(1);
    inv0.nodes.push({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n2' } });
    const inv = await collect(inv0, ['kubelets']);
    expect(inv.kubelets).toEqual([{ node: 'n1', config: { authentication: { anonymous: { enabled: false } } } }]);
    expect(inv.coverage).toEqual([
      { key: 'kubelets', kind: 'Node', node: 'n2', status: 503, reason: expect.stringContaining('configz: ServiceUnavailable') },
    ]);
  });

  it('limits namespaced kinds to -n namespaces', async () => {
    const inv = await collect(cluster(10), ['pods', 'namespaces'], undefined, { namespaces: ['a'] });
    expect(new Set(inv.pods.map((p) => p.metadata.namespace))).toEqual(new Set(['a']));
    expect(inv.namespaces.map((n) => n.metadata.name)).toEqual(['a']);
    expect(env!.server.requests.some((r) => r.path === '/api/v1/namespaces/a/pods')).toBe(true);
    expect(env!.server.requests.some((r) => r.path === '/api/v1/pods')).toBe(false);
  });

  it('sends only GET requests, but the one SelfSubjectReview (who the scan runs as, which changes nothing)', async () => {
    const inv = await collect(
      cluster(5),
      ['pods', 'secrets', 'roles', 'clusterRoleBindings', 'kubelets', 'controlPlane', 'networkPolicies', 'namespaces'],
      undefined,
      { identity: true },
    );
    expect(env!.server.requests.filter((r) => r.method !== 'GET').map((r) => [r.method, r.path])).toEqual([
      ['POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews'],
    ]);
    expect(inv.source.identity).toEqual({ status: 'known', username: 'kaudit', groups: ['system:authenticated'] });
  });

  it('only fetches what the checks require (plus version and nodes; the identity only when asked)', async () => {
    const inv = await collect(cluster(5), ['roles']);
    expect(inv.source.identity).toBeUndefined();
    const paths = [...new Set(env!.server.requests.map((r) => r.path))].sort();
    expect(paths).toEqual(['/api/v1/namespaces', '/api/v1/nodes', '/apis/rbac.authorization.k8s.io/v1/roles', '/version']);
  });
});

describe('failing closed on answers that are not a list of objects', () => {
  const podList = { kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '1' } };
  it.each([
    ['{}', { body: {} }, 'BadResponse: the list answer has no items'],
    ['a List without items', { body: podList }, 'BadResponse: the list answer has no items'],
    [
      'a Status sent with 200',
      { body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'etcd is down', code: 500 } },
      'BadResponse: the server answered 200 with a Status instead of a list (etcd is down)',
    ],
    ['null', { body: null }, 'BadResponse: the list answer is null, not an object'],
    ['items: {}', { body: { ...podList, items: {} } }, "BadResponse: the list answer's items is not an array"],
    ['items: null', { body: { ...podList, items: null } }, "BadResponse: the list answer's items is not an array"],
    ['items: [null]', { body: { ...podList, items: [null] } }, 'BadResponse: object 1 of the page is null'],
    ['items: [1]', { body: { ...podList, items: [1] } }, 'BadResponse: object 1 of the page is not an object'],
    [
      'an item without metadata',
      { body: { ...podList, items: [{ spec: {} }] } },
      'BadResponse: object 1 of the page is without a metadata object',
    ],
    [
      'an item without a name',
      { body: { ...podList, items: [{ metadata: { namespace: 'a' } }] } },
      'BadResponse: object 1 of the list is malformed: metadata.name must be a non-empty string',
    ],
    [
      'an item with containers: null in a list',
      { body: { ...podList, items: [{ metadata: { name: 'p', namespace: 'a' }, spec: { containers: [null] } }] } },
      'BadResponse: object 1 of the list is malformed: spec.containers[0] must be a mapping with a name',
    ],
    [
      'a continue token that is not a string',
      { body: { ...podList, metadata: { continue: 7 }, items: [] } },
      "BadResponse: the list's metadata.continue is not a string",
    ],
    ['not JSON', { rawBody: '<html>proxy error</html>' }, 'BadResponse: the answer is not valid JSON (24 bytes; cut off?)'],
    ['an empty body', { rawBody: '' }, 'BadResponse: the answer is empty, not JSON'],
  ])('%s is a failed read with the reason, never an empty list', async (_name, answer, reason) => {
    const inv = await collect(cluster(3), ['pods'], (l) =>
      l.server.addFault({ path: /^\/api\/v1\/pods$/, type: 'body', times: Infinity, ...answer }),
    );
    expect(inv.pods).toEqual([]);
    expect(inv.coverage).toEqual([{ key: 'pods', kind: 'Pod', status: 200, reason }]);
    // Not retried: the same answer would come back.
    expect(env!.server.requests.filter((r) => r.path === '/api/v1/pods')).toHaveLength(1);
  });

  it('truncated JSON is a failed read, not a crash', async () => {
    const inv = await collect(cluster(3), ['pods'], (l) => l.server.addFault({ path: /^\/api\/v1\/pods$/, type: 'truncated' }));
    expect(inv.coverage).toEqual([
      {
        key: 'pods',
        kind: 'Pod',
        status: 200,
        reason: expect.stringMatching(/^BadResponse: the answer is not valid JSON \(\d+ bytes; cut off\?\)$/),
      },
    ]);
  });

  it('a connection reset mid-body is retried, then a failed read', async () => {
    const once = await collect(cluster(3), ['pods'], (l) => l.server.addFault({ path: /^\/api\/v1\/pods$/, type: 'reset-mid-body' }));
    expect([once.pods.length, once.coverage]).toEqual([3, []]);
    await env!.close();
    env = undefined;
    const always = await collect(
      cluster(3),
      ['pods'],
      (l) => l.server.addFault({ path: /^\/api\/v1\/pods$/, type: 'reset-mid-body', times: Infinity }),
      { retries: 2 },
    );
    expect(always.coverage).toEqual([{ key: 'pods', kind: 'Pod', status: null, reason: expect.stringMatching(/^Network: /) }]);
    expect(env!.server.requests.filter((r) => r.path === '/api/v1/pods')).toHaveLength(3);
  });

  it('a continue token that comes back again is a failed read at once', async () => {
    const inv = await collect(
      cluster(12),
      ['pods'],
      (l) => l.server.addFault({ path: '/api/v1/pods', type: 'continue-repeat', times: Infinity }),
      { pageSize: 5 },
    );
    expect(inv.coverage).toEqual([
      {
        key: 'pods',
        kind: 'Pod',
        status: 200,
        reason: 'Paging: the server sent the same continue token again (page 2): the list would never end',
      },
    ]);
    expect(env!.server.requests.filter((r) => r.path === '/api/v1/pods')).toHaveLength(2);
  });

  it('an endless run of new continue tokens is cut by the page cap (object ceiling / page size)', async () => {
    const inv = await collect(
      cluster(12),
      ['pods'],
      (l) => l.server.addFault({ path: '/api/v1/pods', type: 'continue-endless', times: Infinity }),
      { pageSize: 5, maxListObjects: 40 },
    );
    expect(inv.coverage).toEqual([
      {
        key: 'pods',
        kind: 'Pod',
        status: 200,
        reason: 'Paging: the list did not end after 8 pages (40 objects): the server keeps sending continue tokens',
      },
    ]);
    expect(env!.server.requests.filter((r) => r.path === '/api/v1/pods')).toHaveLength(8);
    expect(inv.pods).toEqual([]);
  });

  it('a list that outlasts its deadline is a failed read, however many pages are left', async () => {
    // Six pages of 150 ms each do not fit in 400 ms: the deadline also cuts the request in flight (its own timeout is 5 s).
    const inv = await collect(
      cluster(12),
      ['pods'],
      (l) => l.server.addFault({ path: '/api/v1/pods', type: 'delay', delayMs: 150, times: Infinity }),
      { pageSize: 2, listTimeoutMs: 400 },
    );
    expect(inv.coverage).toEqual([
      {
        key: 'pods',
        kind: 'Pod',
        status: null,
        reason: expect.stringMatching(/^Deadline: the list took longer than 0.4 s \([0-5] pages read\)$/),
      },
    ]);
    expect(inv.pods).toEqual([]);
  });

  it('a configz answer without a kubeletconfig object is a coverage entry for that node', async () => {
    const inv0 = cluster(1);
    inv0.nodes.push(
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n2' } },
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n3' } },
    );
    inv0.kubelets.push({ node: 'n2', config: {} }, { node: 'n3', config: {} });
    const inv = await collect(inv0, ['kubelets'], (l) => {
      l.server.addFault({ path: '/nodes/n2/proxy/configz', type: 'body', body: null });
      l.server.addFault({ path: '/nodes/n3/proxy/configz', type: 'body', body: { kubeletconfig: 'x' } });
    });
    expect(inv.kubelets.map((k) => k.node)).toEqual(['n1']);
    expect(inv.coverage).toEqual([
      { key: 'kubelets', kind: 'Node', node: 'n2', status: 200, reason: 'configz: BadResponse: the answer is null' },
      { key: 'kubelets', kind: 'Node', node: 'n3', status: 200, reason: 'configz: BadResponse: the answer has no kubeletconfig object' },
    ]);
  });

  it('records why the control plane could not be read', async () => {
    const inv = await collect(cluster(1), ['controlPlane'], (l) => l.server.addFault({ path: /\/pods$/, type: '500', times: Infinity }), {
      retries: 0,
    });
    expect(inv.coverage).toEqual([
      {
        key: 'controlPlane',
        kind: 'Pod',
        namespace: 'kube-system',
        status: 500,
        reason: 'control-plane static pods in kube-system could not be read: InternalError: Internal error occurred: injected fault',
      },
    ]);
  });
});

describe('a scan that cannot be trusted at all ends with exit 3', () => {
  it('no read succeeded: every list forbidden', async () => {
    await expect(collect(cluster(1), ['pods', 'roles'], (l) => l.server.setForbidden([{ resource: '*' }]))).rejects.toMatchObject({
      exitCode: 3,
      message: expect.stringMatching(
        /^no read succeeded: all 4 reads failed \(first: Namespace: Forbidden: namespaces is forbidden: User "kaudit" cannot list resource "namespaces" in API group "" at the cluster scope\); nothing could be assessed \(kaudit preflight shows what these credentials may read\)$/,
      ),
    });
  });

  it('the server went away after /version', async () => {
    await expect(collect(cluster(1), ['pods', 'roles'], (l) => l.server.addFault({ path: '/api', type: 'gone' }))).rejects.toMatchObject({
      exitCode: 3,
      message: expect.stringMatching(
        /^the API server stopped answering mid-scan: connection refused \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)$/,
      ),
    });
  });

  it('the credentials are refused mid-scan (401)', async () => {
    await expect(
      collect(cluster(1), ['pods', 'roles'], (l) =>
        l.server.addFault({
          path: '/roles',
          type: 'body',
          status: 401,
          body: { kind: 'Status', reason: 'Unauthorized', message: 'token expired', code: 401 },
        }),
      ),
    ).rejects.toMatchObject({
      exitCode: 3,
      message: 'authentication failed: the API server answered 401 Unauthorized (token expired)',
    });
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
    expect(() => resolveConnection({ context: 'missing', env: { KUBECONFIG: `${other}:${l.kubeconfig}` } })).toThrow(
      /context "missing" not found in kubeconfig .* \(contexts: elsewhere, real\)/,
    );
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
    const conn = resolveConnection({
      inClusterRoot: root,
      env: { KUBERNETES_SERVICE_HOST: url.hostname, KUBERNETES_SERVICE_PORT: url.port, HOME: join(root, 'home') },
    });
    expect(conn).toMatchObject({ inCluster: true, namespace: 'kaudit', server: l.server.url });
    const http = new KubeHttp(conn.kc, conn.server, { timeoutMs: 5000, retries: 0, backoffMs: 10 });
    const inv = await collectInventory(http, { keys: ['pods'], concurrency: 2 });
    await http.close();
    expect(inv.pods).toHaveLength(2);
  });
});

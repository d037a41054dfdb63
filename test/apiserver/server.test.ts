import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { X509Certificate } from 'node:crypto';
import { connect } from 'node:tls';
import { parse } from 'yaml';
import { startApiServer, type ApiServer } from '../../src/apiserver/index.js';
import { kubectlNames } from '../../src/apiserver/kubectl-names.js';
import { RESOURCE_TYPES } from '../../src/core/resources.js';
import { Client, inventory, pod, status } from './helpers.js';

let server: ApiServer;
let client: Client;

beforeAll(async () => {
  const inv = inventory((i) => {
    i.pods.push(pod('web', 'b'), pod('web', 'a'), pod('db', 'z'));
    i.namespaces.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'web' } });
    i.deployments.push({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'front', namespace: 'web' }, spec: { replicas: 2 } });
    i.clusterRoles.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'view' }, rules: [] });
  });
  server = await startApiServer({ inventory: inv, token: 'sekret' });
  client = new Client(server);
});

afterAll(async () => {
  await client.close();
  await server.close();
});

describe('TLS and authentication', () => {
  it('serves a certificate for 127.0.0.1 and localhost signed by the CA it hands out', () => {
    expect(server.url).toBe(`https://127.0.0.1:${server.port}`);
    expect(server.caPem).toContain('BEGIN CERTIFICATE');
    const ca = new X509Certificate(server.caPem);
    expect(ca.ca).toBe(true);
  });

  it('verifies as localhost too (DNS SAN), and names both in subjectAltName', async () => {
    const peer = await new Promise<X509Certificate>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: server.port, servername: 'localhost', ca: server.caPem }, () => {
        const cert = socket.getPeerX509Certificate();
        socket.end();
        if (cert) resolve(cert);
        else reject(new Error('no peer certificate'));
      });
      socket.on('error', reject);
    });
    expect(peer.subjectAltName).toContain('DNS:localhost');
    expect(peer.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(peer.verify(new X509Certificate(server.caPem).publicKey)).toBe(true);
  });

  it('answers 401 Unauthorized with a Status without a token', async () => {
    const r = await client.get('/api/v1/pods', { token: null });
    expect(r.status).toBe(401);
    expect(r.body).toEqual(status(401, 'Unauthorized', 'Unauthorized'));
  });

  it('answers 401 for a wrong token, and for a non-Bearer scheme', async () => {
    expect((await client.get('/version', { token: 'wrong' })).status).toBe(401);
    const basic = await client.get('/version', { authorization: `Basic ${Buffer.from(`kaudit:${server.token}`).toString('base64')}` });
    expect(basic.status).toBe(401);
    expect((await client.get('/version', { authorization: `Bearer ${server.token}` })).status).toBe(200);
  });

  it('uses a random token by default', async () => {
    const other = await startApiServer({ inventory: inventory() });
    try {
      expect(other.token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      expect(other.token).not.toBe(server.token);
    } finally {
      await other.close();
    }
  });
});

describe('discovery', () => {
  it('GET /version: the default v1.33.0', async () => {
    const r = await client.get('/version');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ major: '1', minor: '33', gitVersion: 'v1.33.0', platform: 'linux/amd64' });
  });

  it('GET /version: the inventory version wins over defaultVersion', async () => {
    const inv = inventory();
    const s1 = await startApiServer({ inventory: inv, defaultVersion: { major: '1', minor: '30', gitVersion: 'v1.30.2' } });
    const c1 = new Client(s1);
    try {
      expect((await c1.get('/version')).body).toEqual({ major: '1', minor: '30', gitVersion: 'v1.30.2', platform: 'linux/amd64' });
      inv.version = { major: '1', minor: '31', gitVersion: 'v1.31.4+k3s1', platform: 'linux/arm64' };
      expect((await c1.get('/version')).body).toEqual({ major: '1', minor: '31', gitVersion: 'v1.31.4+k3s1', platform: 'linux/arm64' });
    } finally {
      await c1.close();
      await s1.close();
    }
  });

  it('GET /api: APIVersions', async () => {
    const r = await client.get('/api');
    expect(r.body).toEqual({
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `127.0.0.1:${server.port}` }],
    });
  });

  it('GET /api/v1: APIResourceList with every core kind and nodes/proxy', async () => {
    const r = await client.get('/api/v1');
    expect(r.body.kind).toBe('APIResourceList');
    expect(r.body.groupVersion).toBe('v1');
    const names = r.body.resources.map((x: { name: string }) => x.name);
    expect(names).toEqual([
      'namespaces',
      'nodes',
      'nodes/proxy',
      'pods',
      'serviceaccounts',
      'services',
      'configmaps',
      'secrets',
      'resourcequotas',
      'limitranges',
      'persistentvolumeclaims',
    ]);
    expect(r.body.resources.find((x: { name: string }) => x.name === 'pods')).toEqual({
      name: 'pods',
      singularName: 'pod',
      namespaced: true,
      kind: 'Pod',
      verbs: ['get', 'list'],
      shortNames: ['po'],
      categories: ['all'],
    });
    expect(r.body.resources.find((x: { name: string }) => x.name === 'nodes/proxy')).toEqual({
      name: 'nodes/proxy',
      singularName: '',
      namespaced: false,
      kind: 'NodeProxyOptions',
      verbs: ['get'],
    });
  });

  it('GET /apis: APIGroupList with every group of the built-in kinds, authorization.k8s.io and authentication.k8s.io (no optional kind is served here)', async () => {
    const r = await client.get('/apis');
    expect(r.body.kind).toBe('APIGroupList');
    const groups = r.body.groups.map((g: { name: string }) => g.name);
    const expected = [
      ...new Set(
        RESOURCE_TYPES.filter((t) => !t.optional)
          .map((t) => t.group)
          .filter((g) => g),
      ),
    ];
    expect(groups).toEqual([...expected, 'authorization.k8s.io', 'authentication.k8s.io']);
    expect(r.body.groups[0]).toEqual({
      name: 'apps',
      versions: [{ groupVersion: 'apps/v1', version: 'v1' }],
      preferredVersion: { groupVersion: 'apps/v1', version: 'v1' },
    });
  });

  it('GET /apis/{group}/{version} for every group of the built-in kinds', async () => {
    for (const t of RESOURCE_TYPES.filter((x) => x.group && !x.optional)) {
      const r = await client.get(`/apis/${t.group}/${t.version}`);
      expect(r.status).toBe(200);
      expect(r.body.groupVersion).toBe(`${t.group}/${t.version}`);
      expect(r.body.resources).toContainEqual({
        name: t.plural,
        singularName: t.kind.toLowerCase(),
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: ['get', 'list'],
        ...kubectlNames(t.group, t.plural),
      });
    }
    expect((await client.get('/apis/apps')).body).toMatchObject({ kind: 'APIGroup', name: 'apps' });
  });

  it('404 for unknown groups and versions', async () => {
    for (const p of ['/apis/example.com/v1', '/api/v2', '/apis/apps/v1beta1', '/apis/nope', '/nothing']) {
      const r = await client.get(p);
      expect(r.status).toBe(404);
      expect(r.body).toEqual(status(404, 'NotFound', 'the server could not find the requested resource'));
    }
  });

  it('health endpoints answer ok', async () => {
    const r = await client.get('/readyz');
    expect(r.status).toBe(200);
    expect(r.text).toBe('ok');
  });
});

describe('objects', () => {
  it('lists cluster-wide in namespace/name order, items without kind/apiVersion', async () => {
    const r = await client.get('/api/v1/pods');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(r.body.kind).toBe('PodList');
    expect(r.body.apiVersion).toBe('v1');
    expect(r.body.metadata).toEqual({ resourceVersion: expect.stringMatching(/^\d+$/) });
    expect(
      r.body.items.map((p: { metadata: { namespace: string; name: string } }) => `${p.metadata.namespace}/${p.metadata.name}`),
    ).toEqual(['db/z', 'web/a', 'web/b']);
    for (const item of r.body.items) {
      expect(item).not.toHaveProperty('kind');
      expect(item).not.toHaveProperty('apiVersion');
      expect(item.spec.containers[0].image).toBe('nginx:1.27');
    }
  });

  it('lists in one namespace, and an empty list for a namespace with nothing', async () => {
    const r = await client.get('/api/v1/namespaces/web/pods');
    expect(r.body.items.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual(['a', 'b']);
    const empty = await client.get('/api/v1/namespaces/nowhere/pods');
    expect(empty.status).toBe(200);
    expect(empty.body.items).toEqual([]);
  });

  it('lists group kinds with the group apiVersion and kind List', async () => {
    const r = await client.get('/apis/apps/v1/namespaces/web/deployments');
    expect(r.body).toMatchObject({
      kind: 'DeploymentList',
      apiVersion: 'apps/v1',
      items: [{ metadata: { name: 'front' }, spec: { replicas: 2 } }],
    });
    expect((await client.get('/apis/rbac.authorization.k8s.io/v1/clusterroles')).body.kind).toBe('ClusterRoleList');
  });

  it('gets one object with kind and apiVersion', async () => {
    const r = await client.get('/api/v1/namespaces/web/pods/a');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ...pod('web', 'a') });
    expect((await client.get('/api/v1/namespaces/web')).body).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'web' } });
    expect((await client.get('/apis/rbac.authorization.k8s.io/v1/clusterroles/view')).body.kind).toBe('ClusterRole');
  });

  it('404 NotFound naming the object when it does not exist', async () => {
    const r = await client.get('/api/v1/namespaces/web/pods/missing');
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ ...status(404, 'NotFound', 'pods "missing" not found'), details: { name: 'missing', kind: 'pods' } });
    const d = await client.get('/apis/apps/v1/namespaces/db/deployments/front');
    expect(d.body.message).toBe('deployments.apps "front" not found');
  });

  it('serves pods/log as text, with tailLines and limitBytes, and 404 for an unknown pod', async () => {
    const logServer = await startApiServer({
      inventory: inventory((i) => i.pods.push(pod('web', 'a'))),
      token: 't',
      podLogs: { 'web/a': 'one\ntwo\nthree\n' },
    });
    const logs = new Client(logServer);
    try {
      const all = await logs.get('/api/v1/namespaces/web/pods/a/log');
      expect([all.status, all.text]).toEqual([200, 'one\ntwo\nthree\n']);
      expect((await logs.get('/api/v1/namespaces/web/pods/a/log?tailLines=2')).text).toBe('two\nthree\n');
      expect((await logs.get('/api/v1/namespaces/web/pods/a/log?tailLines=2&limitBytes=5')).text).toBe('two\nt');
      expect((await logs.get('/api/v1/namespaces/web/pods/nope/log')).status).toBe(404);
      logServer.setForbidden([{ resource: 'pods/log' }]);
      expect((await logs.get('/api/v1/namespaces/web/pods/a/log')).status).toBe(403);
    } finally {
      await logs.close();
      await logServer.close();
    }
  });

  it('404 for paths that do not address a resource', async () => {
    for (const p of [
      '/api/v1/pods/a',
      '/api/v1/namespaces/web/nodes',
      '/api/v1/widgets',
      '/api/v1/namespaces/web/pods/a/exec',
      '/apis/apps/v1/namespaces/web/deployments/front/scale',
    ]) {
      expect((await client.get(p)).status).toBe(404);
    }
  });
});

describe('read-only', () => {
  it('answers 405 MethodNotAllowed to every method but GET', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const r = await client.request('/api/v1/namespaces/web/pods/a', { method, body: method === 'DELETE' ? undefined : {} });
      expect(r.status).toBe(405);
      expect(r.body).toEqual(status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'));
    }
    expect((await client.get('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews')).status).toBe(405);
    expect((await client.get('/apis/authentication.k8s.io/v1/selfsubjectreviews')).status).toBe(405);
  });

  it('answers a SelfSubjectReview (kubectl auth whoami) with the user the token stands for, and needs the token', async () => {
    const path = '/apis/authentication.k8s.io/v1/selfsubjectreviews';
    const r = await client.request(path, { method: 'POST', body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } });
    expect([r.status, r.body]).toEqual([
      201,
      {
        kind: 'SelfSubjectReview',
        apiVersion: 'authentication.k8s.io/v1',
        metadata: { creationTimestamp: null },
        status: { userInfo: { username: 'kaudit', groups: ['system:authenticated'] } },
      },
    ]);
    expect((await client.request(path, { method: 'POST', body: {}, token: 'wrong' })).status).toBe(401);
    // Nothing else of authentication.k8s.io (a TokenReview would test others' tokens).
    expect((await client.request('/apis/authentication.k8s.io/v1/tokenreviews', { method: 'POST', body: {} })).status).toBe(405);
  });

  it('does not serve watches', async () => {
    const r = await client.get('/api/v1/pods?watch=true');
    expect(r.status).toBe(405);
    expect(r.body.reason).toBe('MethodNotAllowed');
  });
});

describe('recorded requests', () => {
  it('records every request in order, with status, query, accept and whether it was authenticated, never the token', async () => {
    const s = await startApiServer({ inventory: inventory((i) => i.pods.push(pod('a', 'p'))) });
    const c = new Client(s);
    try {
      await c.get('/api/v1/pods?limit=5&labelSelector=app%3Dweb', { accept: 'application/json' });
      await c.get('/version', { token: 'bad' });
      await c.request('/api/v1/pods', { method: 'DELETE' });
      expect(s.requests).toEqual([
        {
          method: 'GET',
          path: '/api/v1/pods',
          query: { limit: '5', labelSelector: 'app=web' },
          status: 200,
          accept: 'application/json',
          authenticated: true,
        },
        { method: 'GET', path: '/version', query: {}, status: 401, accept: '*/*', authenticated: false },
        { method: 'DELETE', path: '/api/v1/pods', query: {}, status: 405, accept: '*/*', authenticated: true },
      ]);
      expect(JSON.stringify(s.requests)).not.toContain(s.token);
    } finally {
      await c.close();
      await s.close();
    }
  });
});

describe('kubeconfig', () => {
  it('is a complete kubeconfig with the CA, the server and the token', () => {
    const kc = parse(server.kubeconfig());
    expect(kc).toEqual({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        { name: 'kaudit', cluster: { server: server.url, 'certificate-authority-data': Buffer.from(server.caPem).toString('base64') } },
      ],
      users: [{ name: 'kaudit', user: { token: 'sekret' } }],
      contexts: [{ name: 'kaudit', context: { cluster: 'kaudit', user: 'kaudit' } }],
      'current-context': 'kaudit',
      preferences: {},
    });
  });

  it('takes names, another token and a namespace', () => {
    const kc = parse(server.kubeconfig({ contextName: 'prod', clusterName: 'c1', userName: 'auditor', token: 'other', namespace: 'web' }));
    expect(kc.contexts).toEqual([{ name: 'prod', context: { cluster: 'c1', user: 'auditor', namespace: 'web' } }]);
    expect(kc.users).toEqual([{ name: 'auditor', user: { token: 'other' } }]);
    expect(kc['current-context']).toBe('prod');
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { startApiServer, type ApiServer } from '../../src/apiserver/index.js';
import { Client, inventory, pod } from './helpers.js';

let server: ApiServer;
let client: Client;

beforeAll(async () => {
  const inv = inventory((i) => {
    i.pods.push(pod('app', 'p'), pod('kube-system', 'etcd'));
    i.secrets.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'app' }, type: 'Opaque' });
    i.nodes.push({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } });
    i.kubelets.push({ node: 'n1', config: { readOnlyPort: 0 } });
  });
  server = await startApiServer({ inventory: inv, forbidden: [{ resource: 'secrets' }] });
  client = new Client(server);
});

afterEach(() => server.setForbidden([{ resource: 'secrets' }]));

afterAll(async () => {
  await client.close();
  await server.close();
});

const forbidden = (message: string, details: Record<string, string>) => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message,
  reason: 'Forbidden',
  details,
  code: 403,
});

describe('forbidden rules', () => {
  it('403 with the real server message at the cluster scope and in a namespace', async () => {
    const all = await client.get('/api/v1/secrets');
    expect(all.status).toBe(403);
    expect(all.body).toEqual(
      forbidden('secrets is forbidden: User "kaudit" cannot list resource "secrets" in API group "" at the cluster scope', {
        kind: 'secrets',
      }),
    );
    const ns = await client.get('/api/v1/namespaces/app/secrets');
    expect(ns.body.message).toBe(
      'secrets is forbidden: User "kaudit" cannot list resource "secrets" in API group "" in the namespace "app"',
    );
    const one = await client.get('/api/v1/namespaces/app/secrets/s');
    expect(one.body).toEqual(
      forbidden('secrets "s" is forbidden: User "kaudit" cannot get resource "secrets" in API group "" in the namespace "app"', {
        name: 's',
        kind: 'secrets',
      }),
    );
    expect((await client.get('/api/v1/pods')).status).toBe(200);
  });

  it('authorization comes before existence, as in the real server', async () => {
    expect((await client.get('/api/v1/namespaces/app/secrets/missing')).status).toBe(403);
  });

  it('names the API group', async () => {
    server.setForbidden([{ resource: 'deployments', verb: 'list' }]);
    const r = await client.get('/apis/apps/v1/namespaces/x/deployments');
    expect(r.body.message).toBe(
      'deployments.apps is forbidden: User "kaudit" cannot list resource "deployments" in API group "apps" in the namespace "x"',
    );
    expect(r.body.details).toEqual({ group: 'apps', kind: 'deployments' });
    expect((await client.get('/apis/apps/v1/namespaces/x/deployments/d')).status).toBe(404); // get is still allowed
  });

  it('a namespace rule denies that namespace and the cluster-wide list, not other namespaces', async () => {
    server.setForbidden([{ resource: 'pods', namespace: 'kube-system' }]);
    expect((await client.get('/api/v1/namespaces/kube-system/pods')).status).toBe(403);
    expect((await client.get('/api/v1/namespaces/kube-system/pods/etcd')).status).toBe(403);
    expect((await client.get('/api/v1/pods')).body.message).toBe(
      'pods is forbidden: User "kaudit" cannot list resource "pods" in API group "" at the cluster scope',
    );
    expect((await client.get('/api/v1/namespaces/app/pods')).status).toBe(200);
    expect((await client.get('/api/v1/nodes')).status).toBe(200);
  });

  it("'*' denies every resource; verb narrows", async () => {
    server.setForbidden([{ resource: '*', verb: 'get' }]);
    expect((await client.get('/api/v1/nodes')).status).toBe(200);
    expect((await client.get('/api/v1/nodes/n1')).status).toBe(403);
    expect((await client.get('/api/v1/nodes/n1/proxy/configz')).status).toBe(403);
    server.setForbidden([{ resource: '*' }]);
    expect((await client.get('/apis/rbac.authorization.k8s.io/v1/clusterroles')).body.message).toBe(
      'clusterroles.rbac.authorization.k8s.io is forbidden: User "kaudit" cannot list resource "clusterroles" in API group "rbac.authorization.k8s.io" at the cluster scope',
    );
    expect((await client.get('/version')).status).toBe(200); // discovery is not a resource
  });

  it('nodes/proxy rules apply to configz', async () => {
    server.setForbidden([{ resource: 'nodes/proxy' }]);
    const r = await client.get('/api/v1/nodes/n1/proxy/configz');
    expect(r.status).toBe(403);
    expect(r.body).toEqual(
      forbidden('nodes "n1" is forbidden: User "kaudit" cannot get resource "nodes/proxy" in API group "" at the cluster scope', {
        name: 'n1',
        kind: 'nodes',
      }),
    );
    expect((await client.get('/api/v1/nodes/n1')).status).toBe(200);
  });
});

const SSAR = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
const SSRR = '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews';
const review = (resourceAttributes: Record<string, string>) => ({
  apiVersion: 'authorization.k8s.io/v1',
  kind: 'SelfSubjectAccessReview',
  spec: { resourceAttributes },
});

describe('SelfSubjectAccessReview', () => {
  it('answers 201 with status.allowed from the forbidden rules', async () => {
    const denied = await client.request(SSAR, { method: 'POST', body: review({ verb: 'list', resource: 'secrets', namespace: 'app' }) });
    expect(denied.status).toBe(201);
    expect(denied.body).toEqual({
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: {},
      spec: { resourceAttributes: { verb: 'list', resource: 'secrets', namespace: 'app' } },
      status: { allowed: false },
    });
    const allowed = await client.request(SSAR, { method: 'POST', body: review({ verb: 'list', resource: 'pods' }) });
    expect(allowed.body.status.allowed).toBe(true);
    expect(server.requests.at(-1)).toMatchObject({ method: 'POST', path: SSAR, status: 201 });
  });

  it('writes are never allowed; subresources and groups are honoured', async () => {
    const ask = async (attrs: Record<string, string>) =>
      (await client.request(SSAR, { method: 'POST', body: review(attrs) })).body.status.allowed;
    expect(await ask({ verb: 'delete', resource: 'pods', namespace: 'app' })).toBe(false);
    expect(await ask({ verb: 'get', resource: 'nodes', subresource: 'proxy', name: 'n1' })).toBe(true);
    server.setForbidden([{ resource: 'nodes/proxy' }, { resource: 'deployments', namespace: 'prod' }]);
    expect(await ask({ verb: 'get', resource: 'nodes', subresource: 'proxy' })).toBe(false);
    expect(await ask({ verb: 'get', resource: 'nodes' })).toBe(true);
    expect(await ask({ verb: 'list', group: 'apps', resource: 'deployments', namespace: 'prod' })).toBe(false);
    expect(await ask({ verb: 'list', group: 'apps', resource: 'deployments', namespace: 'dev' })).toBe(true);
    expect(await ask({ verb: 'list', group: 'apps', resource: 'deployments' })).toBe(false);
  });

  it('422 when neither or both attribute kinds are given, 400 for a body that is not JSON', async () => {
    expect((await client.request(SSAR, { method: 'POST', body: { spec: {} } })).status).toBe(422);
    const notJson = await client.request(SSAR, { method: 'POST', body: undefined });
    expect(notJson.status).toBe(400);
    expect(notJson.body.reason).toBe('BadRequest');
  });
});

describe('SelfSubjectRulesReview', () => {
  it('lists get/list on every served kind except the forbidden ones', async () => {
    server.setForbidden([{ resource: 'secrets' }, { resource: 'roles', verb: 'list', namespace: 'app' }]);
    const r = await client.request(SSRR, {
      method: 'POST',
      body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: 'app' } },
    });
    expect(r.status).toBe(201);
    expect(r.body.kind).toBe('SelfSubjectRulesReview');
    expect(r.body.status.incomplete).toBe(false);
    const rules: { verbs: string[]; apiGroups: string[]; resources: string[] }[] = r.body.status.resourceRules;
    const verbsFor = (group: string, resource: string) =>
      rules.filter((x) => x.apiGroups.includes(group) && x.resources.includes(resource)).flatMap((x) => x.verbs);
    expect(verbsFor('', 'pods')).toEqual(['get', 'list']);
    expect(verbsFor('', 'nodes/proxy')).toEqual(['get']);
    expect(verbsFor('', 'secrets')).toEqual([]);
    expect(verbsFor('rbac.authorization.k8s.io', 'roles')).toEqual(['get']);
    expect(verbsFor('apps', 'deployments')).toEqual(['get', 'list']);
    expect(verbsFor('authorization.k8s.io', 'selfsubjectaccessreviews')).toEqual(['create']);
    // other namespaces keep list on roles
    const other = await client.request(SSRR, { method: 'POST', body: { spec: { namespace: 'dev' } } });
    const otherRules: { apiGroups: string[]; resources: string[]; verbs: string[] }[] = other.body.status.resourceRules;
    expect(otherRules.filter((x) => x.resources.includes('roles')).flatMap((x) => x.verbs)).toEqual(['get', 'list']);
  });
});

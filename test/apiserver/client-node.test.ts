/** The real @kubernetes/client-node against the server: the compatibility the rest of kaudit relies on. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiException, AppsV1Api, AuthorizationV1Api, CoreV1Api, KubeConfig, setHeaderOptions } from '@kubernetes/client-node';
import { startApiServer, type ApiServer } from '../../src/apiserver/index.js';
import { inventory, pod } from './helpers.js';

let server: ApiServer;
let kc: KubeConfig;

beforeAll(async () => {
  const inv = inventory((i) => {
    for (let n = 0; n < 25; n++) i.pods.push(pod(`ns-${n % 3}`, `p-${n}`, { n: String(n) }));
    i.deployments.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', namespace: 'ns-0', creationTimestamp: '2026-01-02T03:04:05Z' },
      spec: { replicas: 3 },
    });
    i.secrets.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'ns-0' }, type: 'Opaque' });
    i.nodes.push({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } });
    i.kubelets.push({ node: 'n1', config: { readOnlyPort: 0 } });
  });
  server = await startApiServer({ inventory: inv, forbidden: [{ resource: 'configmaps', namespace: 'ns-1' }] });
  kc = new KubeConfig();
  kc.loadFromString(server.kubeconfig());
});

afterAll(async () => {
  await server.close();
});

describe('@kubernetes/client-node', () => {
  it('pages through a list with limit/_continue', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const names: string[] = [];
    let _continue: string | undefined;
    let pages = 0;
    do {
      const list = await core.listPodForAllNamespaces({ limit: 10, _continue });
      names.push(...list.items.map((p) => p.metadata!.name!));
      _continue = list.metadata?._continue;
      pages++;
    } while (_continue);
    expect(pages).toBe(3);
    expect(new Set(names).size).toBe(25);
  });

  it('reads one object and group kinds', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const p = await core.readNamespacedPod({ name: 'p-3', namespace: 'ns-0' });
    expect(p.kind).toBe('Pod');
    expect(p.spec?.containers[0]!.image).toBe('nginx:1.27');
    const deployments = await kc.makeApiClient(AppsV1Api).listNamespacedDeployment({ namespace: 'ns-0' });
    expect(deployments.items[0]!.spec?.replicas).toBe(3);
    expect(deployments.items[0]!.metadata?.creationTimestamp).toEqual(new Date('2026-01-02T03:04:05Z'));
  });

  it('lists metadata only', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const list = await core.listSecretForAllNamespaces(
      {},
      setHeaderOptions('Accept', 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json'),
    );
    expect((list as unknown as { kind: string }).kind).toBe('PartialObjectMetadataList');
    expect(list.items.map((s) => s.metadata?.name)).toEqual(['s']);
  });

  it('raises ApiException with the code and the Status body', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const err = await core.listNamespacedConfigMap({ namespace: 'ns-1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiException);
    const apiErr = err as ApiException<string>;
    expect(apiErr.code).toBe(403);
    expect(JSON.parse(apiErr.body)).toMatchObject({
      kind: 'Status',
      reason: 'Forbidden',
      message: 'configmaps is forbidden: User "kaudit" cannot list resource "configmaps" in API group "" in the namespace "ns-1"',
    });
    const missing = (await core.readNamespacedPod({ name: 'nope', namespace: 'ns-0' }).catch((e: unknown) => e)) as ApiException<string>;
    expect(missing.code).toBe(404);
  });

  it('reads kubelet configz through the node proxy', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const answer: unknown = await core.connectGetNodeProxyWithPath({ name: 'n1', path: 'configz' });
    const parsed = typeof answer === 'string' ? JSON.parse(answer) : answer;
    expect(parsed).toEqual({ kubeletconfig: { readOnlyPort: 0 } });
  });

  it('creates a SelfSubjectAccessReview', async () => {
    const authz = kc.makeApiClient(AuthorizationV1Api);
    const r = await authz.createSelfSubjectAccessReview({
      body: { spec: { resourceAttributes: { verb: 'list', resource: 'configmaps', namespace: 'ns-1' } } },
    });
    expect(r.status?.allowed).toBe(false);
    const ok = await authz.createSelfSubjectAccessReview({
      body: { spec: { resourceAttributes: { verb: 'list', resource: 'configmaps', namespace: 'ns-2' } } },
    });
    expect(ok.status?.allowed).toBe(true);
  });
});

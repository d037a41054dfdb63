import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApiServer, type ApiServer } from '../../src/apiserver/index.js';
import { Client, inventory, pod } from './helpers.js';

const METADATA_ONLY = 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json';
let server: ApiServer;
let client: Client;

beforeAll(async () => {
  const inv = inventory((i) => {
    i.secrets.push(
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tls', namespace: 'app', labels: { a: 'b' } }, type: 'kubernetes.io/tls' },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'token', namespace: 'app' }, type: 'Opaque' },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x', namespace: 'other' }, type: 'Opaque' },
    );
    i.pods.push(pod('app', 'p'));
    i.nodes.push(
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } },
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n2' } },
    );
    i.kubelets.push({
      node: 'n1',
      config: { kind: 'KubeletConfiguration', authentication: { anonymous: { enabled: false } }, readOnlyPort: 0 },
    });
  });
  server = await startApiServer({ inventory: inv });
  client = new Client(server);
});

afterAll(async () => {
  await client.close();
  await server.close();
});

describe('metadata-only lists', () => {
  it('answers PartialObjectMetadataList with PartialObjectMetadata items', async () => {
    const r = await client.get('/api/v1/namespaces/app/secrets', { accept: METADATA_ONLY });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1');
    expect(r.body).toEqual({
      kind: 'PartialObjectMetadataList',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: expect.any(String) },
      items: [
        { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: 'tls', namespace: 'app', labels: { a: 'b' } } },
        { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: 'token', namespace: 'app' } },
      ],
    });
  });

  it('pages and filters like any list', async () => {
    const first = await client.get('/api/v1/secrets?limit=2', { accept: METADATA_ONLY });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.metadata.remainingItemCount).toBe(1);
    const rest = await client.get(`/api/v1/secrets?limit=2&continue=${encodeURIComponent(first.body.metadata.continue)}`, {
      accept: METADATA_ONLY,
    });
    expect(rest.body.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['x']);
    const filtered = await client.get('/api/v1/secrets?labelSelector=a', { accept: METADATA_ONLY });
    expect(filtered.body.items).toHaveLength(1);
  });

  it('serves a Table when asked, JSON when protobuf comes first, and 406 when nothing is acceptable', async () => {
    const table = await client.get('/api/v1/pods', { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' });
    expect(table.body.kind).toBe('Table');
    expect((await client.get('/api/v1/pods', { accept: 'application/vnd.kubernetes.protobuf,application/json' })).body.kind).toBe(
      'PodList',
    );
    const proto = await client.get('/api/v1/pods', { accept: 'application/vnd.kubernetes.protobuf' });
    expect(proto.status).toBe(406);
    expect(proto.body.reason).toBe('NotAcceptable');
  });

  it('a single GET as PartialObjectMetadata', async () => {
    const r = await client.get('/api/v1/namespaces/app/secrets/tls', {
      accept: 'application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io,application/json',
    });
    expect(r.body).toEqual({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { name: 'tls', namespace: 'app', labels: { a: 'b' } },
    });
  });
});

describe('kubelet configz through the node proxy', () => {
  it('200 with {kubeletconfig} from the inventory', async () => {
    const r = await client.get('/api/v1/nodes/n1/proxy/configz');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      kubeletconfig: { kind: 'KubeletConfiguration', authentication: { anonymous: { enabled: false } }, readOnlyPort: 0 },
    });
  });

  it('404 NotFound for a node that does not exist', async () => {
    const r = await client.get('/api/v1/nodes/ghost/proxy/configz');
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ reason: 'NotFound', message: 'nodes "ghost" not found' });
  });

  it('503 ServiceUnavailable for a node whose kubelet config is not in the inventory', async () => {
    const r = await client.get('/api/v1/nodes/n2/proxy/configz');
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ kind: 'Status', reason: 'ServiceUnavailable', code: 503 });
  });

  it('404 for other kubelet paths', async () => {
    expect((await client.get('/api/v1/nodes/n1/proxy/pods')).status).toBe(404);
  });
});

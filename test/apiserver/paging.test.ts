import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApiServer, type ApiServer } from '../../src/apiserver/index.js';
import { Client, inventory, pod } from './helpers.js';

const TOTAL = 1234;
const NAMESPACES = ['alpha', 'beta', 'gamma', 'delta'];
let server: ApiServer;
let client: Client;

type Item = { metadata: { namespace: string; name: string; labels?: Record<string, string> } };
const ids = (items: Item[]) => items.map((i) => `${i.metadata.namespace}/${i.metadata.name}`);

beforeAll(async () => {
  const inv = inventory((i) => {
    for (let n = 0; n < TOTAL; n++)
      i.pods.push(pod(NAMESPACES[n % NAMESPACES.length]!, `pod-${String(n).padStart(4, '0')}`, { tier: n % 3 === 0 ? 'front' : 'back' }));
  });
  server = await startApiServer({ inventory: inv });
  client = new Client(server);
});

afterAll(async () => {
  await client.close();
  await server.close();
});

async function listAll(
  path: string,
  limit: number,
): Promise<{ pages: { count: number; remaining?: number; continue?: string; rv: string }[]; items: Item[] }> {
  const pages = [];
  const items: Item[] = [];
  let token: string | undefined;
  const sep = path.includes('?') ? '&' : '?';
  do {
    const r = await client.get(`${path}${sep}limit=${limit}${token ? `&continue=${encodeURIComponent(token)}` : ''}`);
    expect(r.status).toBe(200);
    items.push(...r.body.items);
    token = r.body.metadata.continue;
    pages.push({
      count: r.body.items.length,
      remaining: r.body.metadata.remainingItemCount,
      continue: token,
      rv: r.body.metadata.resourceVersion,
    });
  } while (token);
  return { pages, items };
}

describe('limit and continue', () => {
  it('pages 1,234 pods by 500: three pages, every pod once, remainingItemCount, no continue on the last page', async () => {
    const { pages, items } = await listAll('/api/v1/pods', 500);
    expect(pages.map((p) => p.count)).toEqual([500, 500, 234]);
    expect(pages.map((p) => p.remaining)).toEqual([734, 234, undefined]);
    expect(pages[2]!.continue).toBeUndefined();
    expect(new Set(pages.map((p) => p.rv)).size).toBe(1);
    expect(items).toHaveLength(TOTAL);
    expect(new Set(ids(items)).size).toBe(TOTAL);
    const unpaged = await client.get('/api/v1/pods');
    expect(ids(items)).toEqual(ids(unpaged.body.items));
  });

  it('the last page of an exact multiple carries no continue', async () => {
    const { pages } = await listAll('/api/v1/pods', 617);
    expect(pages.map((p) => p.count)).toEqual([617, 617]);
    expect(pages[1]!.continue).toBeUndefined();
    expect(pages[1]!.remaining).toBeUndefined();
  });

  it('pages within one namespace', async () => {
    const { pages, items } = await listAll('/api/v1/namespaces/beta/pods', 100);
    expect(items).toHaveLength(309); // n % 4 == 1 for n < 1234
    expect(pages.map((p) => p.count)).toEqual([100, 100, 100, 9]);
    expect(pages.map((p) => p.remaining)).toEqual([209, 109, 9, undefined]);
    expect(items.every((i) => i.metadata.namespace === 'beta')).toBe(true);
  });

  it('pages a filtered list: every match once, no remainingItemCount (the server cannot count it)', async () => {
    const { pages, items } = await listAll('/api/v1/pods?labelSelector=tier%3Dfront', 100);
    expect(items).toHaveLength(412); // n % 3 == 0 for n < 1234
    expect(new Set(ids(items)).size).toBe(412);
    expect(pages.map((p) => p.count)).toEqual([100, 100, 100, 100, 12]);
    expect(pages.every((p) => p.remaining === undefined)).toBe(true);
  });

  it('limit absent or 0 lists everything, with no continue', async () => {
    for (const q of ['', '?limit=0']) {
      const r = await client.get(`/api/v1/pods${q}`);
      expect(r.body.items).toHaveLength(TOTAL);
      expect(r.body.metadata).toEqual({ resourceVersion: expect.any(String) });
    }
  });

  it('the continue token is opaque base64 JSON naming the list and the offset', async () => {
    const r = await client.get('/api/v1/namespaces/alpha/pods?limit=10&labelSelector=tier');
    const token = JSON.parse(Buffer.from(r.body.metadata.continue, 'base64url').toString());
    expect(token).toEqual({
      resource: 'pods',
      namespace: 'alpha',
      labelSelector: 'tier',
      fieldSelector: '',
      offset: 10,
      resourceVersion: r.body.metadata.resourceVersion,
    });
  });
});

describe('bad paging input', () => {
  it('400 BadRequest for a malformed continue token', async () => {
    for (const bad of ['not-a-token', Buffer.from('{"resource":"pods"}').toString('base64url'), Buffer.from('[]').toString('base64url')]) {
      const r = await client.get(`/api/v1/pods?limit=5&continue=${bad}`);
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'BadRequest', code: 400 });
      expect(r.body.message).toMatch(/^continue key is not valid/);
    }
  });

  it('400 for a token used on another list (resource, namespace or selector)', async () => {
    const first = await client.get('/api/v1/pods?limit=5');
    const token = encodeURIComponent(first.body.metadata.continue);
    for (const p of [
      `/api/v1/services?limit=5&continue=${token}`,
      `/api/v1/namespaces/alpha/pods?limit=5&continue=${token}`,
      `/api/v1/pods?limit=5&labelSelector=tier&continue=${token}`,
    ]) {
      expect((await client.get(p)).status).toBe(400);
    }
  });

  it('410 Expired for a token issued by another server instance (another resourceVersion)', async () => {
    const first = await client.get('/api/v1/pods?limit=5');
    const token = JSON.parse(Buffer.from(first.body.metadata.continue, 'base64url').toString());
    const stale = Buffer.from(JSON.stringify({ ...token, resourceVersion: '1' })).toString('base64url');
    const r = await client.get(`/api/v1/pods?limit=5&continue=${stale}`);
    expect(r.status).toBe(410);
    expect(r.body.reason).toBe('Expired');
  });

  it('400 for a limit that is not an integer', async () => {
    const r = await client.get('/api/v1/pods?limit=ten');
    expect(r.status).toBe(400);
    expect(r.body.reason).toBe('BadRequest');
  });
});

describe('a changing inventory', () => {
  it('sees objects pushed after start', async () => {
    const inv = inventory((i) => i.pods.push(pod('a', 'one')));
    const s = await startApiServer({ inventory: inv });
    const c = new Client(s);
    try {
      expect((await c.get('/api/v1/pods')).body.items).toHaveLength(1);
      inv.pods.push(pod('a', 'two'));
      expect((await c.get('/api/v1/pods')).body.items).toHaveLength(2);
      expect((await c.get('/api/v1/namespaces/a/pods/two')).status).toBe(200);
    } finally {
      await c.close();
      await s.close();
    }
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { startApiServer, type ApiServer } from '../../src/apiserver/index.js';
import { Client, inventory, pod, status } from './helpers.js';

let server: ApiServer;
let client: Client;

beforeAll(async () => {
  server = await startApiServer({ inventory: inventory((i) => i.pods.push(pod('a', 'p1'), pod('a', 'p2'), pod('b', 'p3'))) });
  client = new Client(server);
});

afterEach(() => server.clearFaults());

afterAll(async () => {
  await client.close();
  await server.close();
});

describe('injected faults', () => {
  it('429 TooManyRequests with Retry-After, once by default', async () => {
    server.addFault({ path: '/api/v1/pods', type: '429', retryAfterSeconds: 3 });
    const r = await client.get('/api/v1/pods');
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('3');
    expect(r.body).toEqual({
      ...status(429, 'TooManyRequests', 'Too many requests, please try again later.'),
      details: { retryAfterSeconds: 3 },
    });
    expect((await client.get('/api/v1/pods')).status).toBe(200);
  });

  it('429 defaults to Retry-After: 1', async () => {
    server.addFault({ path: 'pods', type: '429' });
    expect((await client.get('/api/v1/pods')).headers.get('retry-after')).toBe('1');
  });

  it('500 InternalError, `times` times', async () => {
    server.addFault({ path: /\/pods$/, type: '500', times: 2 });
    const a = await client.get('/api/v1/pods');
    expect(a.status).toBe(500);
    expect(a.body).toMatchObject({ kind: 'Status', reason: 'InternalError', code: 500 });
    expect((await client.get('/api/v1/namespaces/a/pods')).status).toBe(500);
    expect((await client.get('/api/v1/pods')).status).toBe(200);
  });

  it('only requests whose pathname matches are hit', async () => {
    server.addFault({ path: /^\/apis\//, type: '500', times: Infinity });
    expect((await client.get('/api/v1/pods')).status).toBe(200);
    expect((await client.get('/apis/apps/v1/deployments')).status).toBe(500);
    expect((await client.get('/apis/apps/v1/deployments')).status).toBe(500);
    server.clearFaults();
    expect((await client.get('/apis/apps/v1/deployments')).status).toBe(200);
  });

  it('reset destroys the connection without a response', async () => {
    server.addFault({ path: '/api/v1/pods', type: 'reset' });
    await expect(client.get('/api/v1/pods')).rejects.toThrow();
    expect(server.requests.at(-1)).toMatchObject({ path: '/api/v1/pods', status: 0 });
    expect((await client.get('/api/v1/pods')).status).toBe(200);
  });

  it('delay answers normally after delayMs', async () => {
    server.addFault({ path: '/api/v1/pods', type: 'delay', delayMs: 150 });
    const t0 = Date.now();
    const r = await client.get('/api/v1/pods');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(3);
  });

  it('410 Expired on a continue request (onlyWithContinue), first pages unaffected', async () => {
    server.addFault({ path: '/api/v1/pods', type: '410', onlyWithContinue: true });
    const first = await client.get('/api/v1/pods?limit=2');
    expect(first.status).toBe(200);
    const token = encodeURIComponent(first.body.metadata.continue);
    const r = await client.get(`/api/v1/pods?limit=2&continue=${token}`);
    expect(r.status).toBe(410);
    expect(r.body).toEqual(
      status(
        410,
        'Expired',
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
      ),
    );
    // spent: the same token works now
    expect((await client.get(`/api/v1/pods?limit=2&continue=${token}`)).body.items).toHaveLength(1);
  });

  it('410 without onlyWithContinue hits any matching request', async () => {
    server.addFault({ path: '/api/v1/pods', type: '410' });
    expect((await client.get('/api/v1/pods')).status).toBe(410);
  });

  it('faults come after authentication', async () => {
    server.addFault({ path: '/api/v1/pods', type: '500' });
    expect((await client.get('/api/v1/pods', { token: 'wrong' })).status).toBe(401);
    expect((await client.get('/api/v1/pods')).status).toBe(500);
  });

  it('403 Forbidden and 404 NotFound as metav1.Status', async () => {
    server.addFault({ path: '/api/v1/pods', type: '403' });
    server.addFault({ path: '/api/v1/pods', type: '404' });
    const forbidden = await client.get('/api/v1/pods');
    expect(forbidden.body).toEqual(status(403, 'Forbidden', 'forbidden: User "kaudit" cannot get path "/api/v1/pods" (injected fault)'));
    expect((await client.get('/api/v1/pods')).body).toEqual(status(404, 'NotFound', 'the server could not find the requested resource'));
  });

  it('body answers 200 with the given JSON (null included), or a raw text', async () => {
    server.addFault({ path: '/api/v1/pods', type: 'body', body: { kind: 'PodList', apiVersion: 'v1', metadata: {} } });
    server.addFault({ path: '/api/v1/pods', type: 'body', body: null });
    server.addFault({ path: '/api/v1/pods', type: 'body', rawBody: 'not json' });
    expect(await client.get('/api/v1/pods')).toMatchObject({ status: 200, text: '{"kind":"PodList","apiVersion":"v1","metadata":{}}' });
    expect(await client.get('/api/v1/pods')).toMatchObject({ status: 200, text: 'null' });
    expect(await client.get('/api/v1/pods')).toMatchObject({ status: 200, text: 'not json' });
  });

  it('truncated sends the first half of the real answer with a matching Content-Length', async () => {
    const whole = (await client.get('/api/v1/pods')).text;
    server.addFault({ path: '/api/v1/pods', type: 'truncated' });
    const r = await client.get('/api/v1/pods');
    expect(r.status).toBe(200);
    expect(r.text).toBe(whole.slice(0, Math.floor(whole.length / 2)));
    expect(r.body).toBeUndefined(); // does not parse
  });

  it('reset-mid-body sends the headers and half the body, then drops the connection', async () => {
    server.addFault({ path: '/api/v1/pods', type: 'reset-mid-body' });
    await expect(client.get('/api/v1/pods')).rejects.toThrow(/terminated|other side closed/);
    expect((await client.get('/api/v1/pods')).body.items).toHaveLength(3);
  });

  it('continue-endless answers the first page with a new token each time; continue-repeat with the same one', async () => {
    server.addFault({ path: '/api/v1/pods', type: 'continue-endless', times: 3 });
    const tokens: string[] = [];
    let query = '?limit=2';
    for (let i = 0; i < 3; i++) {
      const r = await client.get(`/api/v1/pods${query}`);
      expect(r.body.items.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual(['p1', 'p2']);
      tokens.push(r.body.metadata.continue);
      query = `?limit=2&continue=${encodeURIComponent(r.body.metadata.continue)}`;
    }
    expect(new Set(tokens).size).toBe(3);
    server.addFault({ path: '/api/v1/pods', type: 'continue-repeat', times: 2 });
    const a = await client.get('/api/v1/pods?limit=2');
    const b = await client.get(`/api/v1/pods?limit=2&continue=${a.body.metadata.continue}`);
    expect([a.body.metadata.continue, b.body.metadata.continue]).toEqual(['repeat', 'repeat']);
  });

  it('onlyWithContinue applies to every fault type', async () => {
    server.addFault({ path: '/api/v1/pods', type: '500', onlyWithContinue: true });
    const first = await client.get('/api/v1/pods?limit=2');
    expect(first.status).toBe(200);
    expect((await client.get(`/api/v1/pods?limit=2&continue=${encodeURIComponent(first.body.metadata.continue)}`)).status).toBe(500);
  });
});

describe('the gone fault', () => {
  it('stops the server: the request is dropped and new connections are refused', async () => {
    const gone = await startApiServer({ inventory: inventory() });
    const c = new Client(gone);
    try {
      expect((await c.get('/version')).status).toBe(200);
      gone.addFault({ path: '/api/v1/pods', type: 'gone' });
      await expect(c.get('/api/v1/pods')).rejects.toThrow();
      const fresh = new Client(gone);
      await expect(fresh.get('/version')).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
      await fresh.close();
    } finally {
      await c.close();
      await gone.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { labelsMatch, parseLabelSelector, startApiServer, type ApiServer } from '../../src/apiserver/index.js';
import { Client, inventory, pod } from './helpers.js';

describe('parseLabelSelector', () => {
  it('parses every operator', () => {
    expect(parseLabelSelector('a=b, c==d,e!=f, g in (x, y), h notin (z), i, !j, example.com/k=')).toEqual([
      { key: 'a', operator: 'equals', values: ['b'] },
      { key: 'c', operator: 'equals', values: ['d'] },
      { key: 'e', operator: 'notEquals', values: ['f'] },
      { key: 'g', operator: 'in', values: ['x', 'y'] },
      { key: 'h', operator: 'notIn', values: ['z'] },
      { key: 'i', operator: 'exists', values: [] },
      { key: 'j', operator: 'doesNotExist', values: [] },
      { key: 'example.com/k', operator: 'equals', values: [''] },
    ]);
    expect(parseLabelSelector('')).toEqual([]);
  });

  it('rejects what the API server rejects', () => {
    for (const bad of [
      'a=(b)',
      'a in b',
      'a in ()',
      'a in (b',
      'a b',
      '=b',
      'a,',
      ',a',
      'a=b=c',
      '-a=b',
      'a=-b',
      'Example.com/a=b',
      '!a=b',
      'a notin',
    ]) {
      expect(() => parseLabelSelector(bad)).toThrow(/unable to parse requirement/);
    }
  });

  it('matches like the API server: != and notin also select objects without the label', () => {
    const m = (s: string, labels?: Record<string, string>) => labelsMatch(parseLabelSelector(s), labels);
    expect(m('a=b', { a: 'b' })).toBe(true);
    expect(m('a=b', { a: 'c' })).toBe(false);
    expect(m('a!=b', {})).toBe(true);
    expect(m('a!=b', undefined)).toBe(true);
    expect(m('a notin (b)', {})).toBe(true);
    expect(m('a in (b,c)', {})).toBe(false);
    expect(m('a in (b,c)', { a: 'c' })).toBe(true);
    expect(m('a', { a: '' })).toBe(true);
    expect(m('!a', { a: '' })).toBe(false);
    expect(m('a=', { a: '' })).toBe(true);
    expect(m('toString', {})).toBe(false); // no prototype keys
  });
});

describe('selectors on the wire', () => {
  let server: ApiServer;
  let client: Client;

  beforeAll(async () => {
    const inv = inventory((i) => {
      i.pods.push(
        pod('shop', 'web-1', { app: 'web', tier: 'front' }),
        pod('shop', 'web-2', { app: 'web', tier: 'front', canary: 'true' }),
        pod('shop', 'api-1', { app: 'api', tier: 'back' }),
        pod('ops', 'db-1', { app: 'db' }),
        pod('ops', 'bare'),
      );
    });
    server = await startApiServer({ inventory: inv });
    client = new Client(server);
  });

  afterAll(async () => {
    await client.close();
    await server.close();
  });

  const names = async (query: string, path = '/api/v1/pods'): Promise<string[]> => {
    const r = await client.get(`${path}?${query}`);
    expect(r.status).toBe(200);
    return r.body.items.map((i: { metadata: { name: string } }) => i.metadata.name);
  };
  const ls = (s: string) => `labelSelector=${encodeURIComponent(s)}`;

  it.each([
    ['app=web', ['web-1', 'web-2']],
    ['app==api', ['api-1']],
    ['app!=web', ['bare', 'db-1', 'api-1']],
    ['app in (api,db)', ['db-1', 'api-1']],
    ['app notin (web)', ['bare', 'db-1', 'api-1']],
    ['tier', ['api-1', 'web-1', 'web-2']],
    ['!tier', ['bare', 'db-1']],
    ['app=web,!canary', ['web-1']],
    ['app in (web), tier=front, canary=true', ['web-2']],
  ])('labelSelector %s', async (selector, expected) => {
    expect(await names(ls(selector))).toEqual(expected);
  });

  it('labelSelector in a namespace', async () => {
    expect(await names(ls('app'), '/api/v1/namespaces/ops/pods')).toEqual(['db-1']);
  });

  it('fieldSelector metadata.name and metadata.namespace (=, ==, !=), combined with a label selector', async () => {
    expect(await names('fieldSelector=metadata.name%3Dweb-1')).toEqual(['web-1']);
    expect(await names('fieldSelector=metadata.namespace%3D%3Dops')).toEqual(['bare', 'db-1']);
    expect(await names('fieldSelector=metadata.namespace!%3Dshop,metadata.name!%3Dbare')).toEqual(['db-1']);
    expect(await names(`fieldSelector=metadata.namespace%3Dshop&${ls('tier=front')}`)).toEqual(['web-1', 'web-2']);
  });

  it('400 BadRequest for a malformed label selector', async () => {
    const r = await client.get(`/api/v1/pods?${ls('app in web')}`);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({
      kind: 'Status',
      reason: 'BadRequest',
      code: 400,
      message: expect.stringMatching(/^unable to parse requirement/),
    });
  });

  it('400 BadRequest for any other field, and for pod fields on other kinds', async () => {
    const r = await client.get('/api/v1/pods?fieldSelector=spec.schedulerName%3Ddefault');
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ reason: 'BadRequest', message: 'field label not supported: spec.schedulerName' });
    expect((await client.get('/api/v1/namespaces?fieldSelector=status.phase%3DActive')).body).toMatchObject({
      reason: 'BadRequest',
      message: 'field label not supported: status.phase',
    });
    expect((await client.get('/api/v1/pods?fieldSelector=metadata.name')).status).toBe(400);
  });
});

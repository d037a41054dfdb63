/**
 * Kubeconfig problems are exit 2 with one line naming the file, found before any request; error
 * lines never carry URL credentials or what an exec credential plugin printed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { resolveConnection } from '../../src/cluster/kubeconfig.js';
import { fatalError, HttpError, KubeHttp } from '../../src/cluster/http.js';
import { maskUrlUserinfo } from '../../src/core/terminal-text.js';
import { emptyInventory } from '../../src/core/inventory.js';
import { live, type Live } from '../support/live.js';

let env: Live;
beforeAll(async () => {
  const inv = emptyInventory({ type: 'snapshot', collectedAt: 'x' });
  inv.version = { major: '1', minor: '33', gitVersion: 'v1.33.4' };
  env = await live({ inventory: inv });
});
afterAll(() => env.close());

/** The loopback kubeconfig with its user (and cluster) changed. */
function kubeconfig(name: string, user: Record<string, unknown>, cluster: Record<string, unknown> = {}): string {
  const doc = parse(env.server.kubeconfig({ contextName: 'test' }));
  doc.users[0].user = user;
  Object.assign(doc.clusters[0].cluster, cluster);
  const file = join(env.dir, name);
  writeFileSync(file, stringify(doc));
  return file;
}

/** The error the first request fails with, as the CLI would map it. */
async function firstRequest(file: string): Promise<{ error: HttpError; fatal: ReturnType<typeof fatalError> }> {
  const conn = resolveConnection({ kubeconfig: file });
  const http = new KubeHttp(conn.kc, conn.server, { timeoutMs: 5000, retries: 3, backoffMs: 10 });
  try {
    await http.getJson('/version');
    throw new Error('the request succeeded');
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return { error, fatal: fatalError(error) };
  } finally {
    await http.close();
  }
}

describe('files the credentials need', () => {
  it.each([
    [
      'client-certificate',
      { 'client-certificate': '/nonexistent/client.crt', 'client-key-data': 'eA==' },
      {},
      '/nonexistent/client.crt: no such file',
    ],
    [
      'client-key',
      { 'client-certificate-data': 'eA==', 'client-key': '/nonexistent/client.key' },
      {},
      '/nonexistent/client.key: no such file',
    ],
    [
      'certificate-authority',
      { token: 't' },
      { 'certificate-authority': '/nonexistent/ca.crt', 'certificate-authority-data': undefined },
      '/nonexistent/ca.crt: no such file',
    ],
  ])('a missing %s file is a kubeconfig problem naming it, before any request', (role, user, cluster, problem) => {
    const file = kubeconfig(`kc-${role}`, user, cluster);
    const before = env.server.requests.length;
    expect(() => resolveConnection({ kubeconfig: file })).toThrow(
      expect.objectContaining({ exitCode: 2, message: `kubeconfig ${file}: context "test": ${role} ${problem}` }),
    );
    expect(env.server.requests.length).toBe(before);
  });

  it('a directory where a file should be', () => {
    const file = kubeconfig('kc-dir', { 'client-certificate': env.dir, 'client-key-data': 'eA==' });
    expect(() => resolveConnection({ kubeconfig: file })).toThrow(
      `kubeconfig ${file}: context "test": client-certificate ${env.dir}: is not a regular file`,
    );
  });

  it('an unreadable token-file names the file', () => {
    const file = kubeconfig('kc-token-file', { 'token-file': '/nonexistent/token' });
    expect(() => resolveConnection({ kubeconfig: file })).toThrow(
      expect.objectContaining({ exitCode: 2, message: `kubeconfig ${file}: /nonexistent/token: no such file` }),
    );
  });

  it('a file that disappears after resolution is a kubeconfig problem, not retried', async () => {
    const cert = join(env.dir, 'vanishing.crt');
    writeFileSync(cert, 'x');
    const file = kubeconfig('kc-vanishing', { 'client-certificate': cert, 'client-key-data': 'eA==' });
    const conn = resolveConnection({ kubeconfig: file });
    const { rmSync } = await import('node:fs');
    rmSync(cert);
    const http = new KubeHttp(conn.kc, conn.server, { timeoutMs: 5000, retries: 3, backoffMs: 10 });
    const error = await http.getJson('/version').catch((e: unknown) => e);
    await http.close();
    expect(error).toMatchObject({ status: null, reason: 'Config', message: `client-certificate ${cert}: no such file` });
    expect(fatalError(error as HttpError)).toMatchObject({ exitCode: 2 });
  });
});

describe('URL credentials', () => {
  it('a server address with user:password@ is exit 2, the password masked', () => {
    const url = new URL(env.server.url);
    const file = kubeconfig('kc-userinfo', { token: 't' }, { server: `https://admin:hunter2@${url.host}` });
    expect(() => resolveConnection({ kubeconfig: file })).toThrow(
      `kubeconfig ${file}: the server address https://admin:***@${url.host} carries credentials (user:password@host), which are not sent from a URL; put them in the kubeconfig user`,
    );
  });

  it('masks userinfo wherever it appears in a text', () => {
    expect(maskUrlUserinfo('GET https://admin:hunter2@h:6443/x failed; see http://tok3n@proxy/ and ftp://h/')).toBe(
      'GET https://admin:***@h:6443/x failed; see http://***@proxy/ and ftp://h/',
    );
    expect(new HttpError('/x', null, 'Network', 'connect https://u:p@h:1 failed\nsecond line').message).toBe(
      'connect https://u:***@h:1 failed',
    );
  });
});

describe('exec credential plugins', () => {
  const exec = (script: string) => ({
    exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'sh', args: ['-c', script], interactiveMode: 'Never' },
  });

  it('a plugin that fails is an authentication failure whose line does not quote its output', async () => {
    const { error, fatal } = await firstRequest(kubeconfig('kc-exec-fails', exec('echo SENTINEL-OUT; echo SENTINEL-ERR >&2; exit 1')));
    expect(fatal).toMatchObject({
      exitCode: 3,
      message: 'authentication failed: the exec credential plugin "sh" failed (its output is not shown: it may hold credentials)',
    });
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toMatch(/SENTINEL/);
  });

  it('a plugin that prints something other than an ExecCredential is an authentication failure, output not quoted', async () => {
    const { error, fatal } = await firstRequest(kubeconfig('kc-exec-garbage', exec('echo SENTINEL-TOKEN')));
    expect(fatal).toMatchObject({ exitCode: 3 });
    expect(error.message).not.toContain('SENTINEL');
  });

  it('a plugin that cannot be started is a kubeconfig problem', async () => {
    const { fatal } = await firstRequest(
      kubeconfig('kc-exec-missing', { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: '/nonexistent/plugin' } }),
    );
    expect(fatal).toMatchObject({
      exitCode: 2,
      message: 'kubeconfig: the exec credential plugin "/nonexistent/plugin" could not be started (ENOENT)',
    });
  });

  it('a working plugin authenticates', async () => {
    const token = env.server.token;
    const file = kubeconfig(
      'kc-exec-ok',
      exec(`echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"${token}"}}'`),
    );
    const conn = resolveConnection({ kubeconfig: file });
    const http = new KubeHttp(conn.kc, conn.server, { timeoutMs: 5000, retries: 0, backoffMs: 10 });
    await expect(http.getJson('/version')).resolves.toMatchObject({ gitVersion: 'v1.33.4' });
    await http.close();
  });
});

/** Exit codes and error lines of the real CLI when the cluster misbehaves or the kubeconfig is unusable. */
import { afterEach, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { servingCerts } from '../../src/apiserver/tls.js';
import { demoInventory } from '../../src/demo/inventory.js';
import { cli, live, type Live } from '../support/live.js';
import { validReport } from '../support/schema.js';

let env: Live | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

function withUser(name: string, user: Record<string, unknown>, cluster: Record<string, unknown> = {}): string {
  const doc = parse(readFileSync(env!.kubeconfig, 'utf8'));
  doc.users[0].user = user;
  Object.assign(doc.clusters[0].cluster, cluster);
  const file = join(env!.dir, name);
  writeFileSync(file, stringify(doc));
  return file;
}

describe('scan: unreachable is not green', () => {
  it('a server that goes away after /version is exit 3 with one line, even without --fail-on', async () => {
    env = await live({ inventory: demoInventory() });
    env.server.addFault({ path: '/api/', type: 'gone' });
    const run = await cli(['scan', '--kubeconfig', env.kubeconfig, '--fail-on', 'low']);
    expect(run).toEqual({
      code: 3,
      out: '',
      err: expect.stringMatching(
        /^kaudit: the API server stopped answering mid-scan: connection refused \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)\n$/,
      ),
    });
  });

  it('every read forbidden is exit 3 with one line', async () => {
    env = await live({ inventory: demoInventory(), forbidden: [{ resource: '*' }] });
    const run = await cli(['scan', '--kubeconfig', env.kubeconfig]);
    expect(run.code).toBe(3);
    expect(run.out).toBe('');
    expect(run.err.split('\n').filter(Boolean).at(-1)).toMatch(
      /^kaudit: no read succeeded: all \d+ reads failed \(first: Namespace: Forbidden: namespaces is forbidden: .*\); nothing could be assessed \(kaudit preflight shows what these credentials may read\)$/,
    );
  });
});

describe('scan --fail-on-not-assessed', () => {
  // Demo cluster with ClusterRoleBindings answered by a 200 without items: every 5.1.x control on them is not-assessed.
  const run = async (...flags: string[]) => {
    env ??= await live({ inventory: demoInventory() });
    env.server.clearFaults();
    env.server.addFault({
      path: '/clusterrolebindings',
      type: 'body',
      body: { kind: 'ClusterRoleBindingList', apiVersion: 'rbac.authorization.k8s.io/v1', metadata: {} },
      times: Infinity,
    });
    return cli(['scan', '--kubeconfig', env.kubeconfig, '-b', 'cis-1.12', ...flags]);
  };

  it('alone: exit 1 when a control is not-assessed because its data could not be read', async () => {
    const plain = await run();
    expect(plain.code).toBe(0);
    const c511 = validReport(plain.out).controls.find((c: { id: string }) => c.id === '5.1.1');
    expect(c511).toMatchObject({
      status: 'not-assessed',
      reason: expect.stringContaining('clusterRoleBindings: 200 BadResponse: the list answer has no items'),
    });
    expect(plain.err).toContain('kaudit: warning: could not read ClusterRoleBinding: BadResponse: the list answer has no items\n');
    expect((await run('--fail-on-not-assessed')).code).toBe(1);
  });

  it('with --fail-on: only such controls at or above the severity', async () => {
    // The demo cluster has failing critical controls, so --fail-on decides alone there; --checks narrows to 5.1.1 (high).
    const only = ['--checks', 'rbac-cluster-admin-binding'];
    expect((await run(...only, '--fail-on', 'high', '--fail-on-not-assessed')).code).toBe(1);
    expect((await run(...only, '--fail-on', 'critical', '--fail-on-not-assessed')).code).toBe(0);
    expect((await run(...only, '--fail-on', 'high')).code).toBe(0);
  });

  it('a complete scan is not tripped by it', async () => {
    env = await live({ inventory: demoInventory() });
    const r = await cli(['scan', '--kubeconfig', env.kubeconfig, '-b', 'cis-1.12', '--fail-on-not-assessed']);
    expect(r.code).toBe(0);
    expect(validReport(r.out).coverage).toEqual([]);
  });
});

describe('kubeconfig problems and credentials in error lines', () => {
  it('a missing client-certificate file is exit 2 naming it, without a request', async () => {
    env = await live({ inventory: demoInventory() });
    const file = withUser('cert', { 'client-certificate': '/nonexistent/client.crt', 'client-key': '/nonexistent/client.key' });
    expect(await cli(['scan', '--kubeconfig', file])).toEqual({
      code: 2,
      out: '',
      err: `kaudit: kubeconfig ${file}: context "test": client-certificate /nonexistent/client.crt: no such file\n`,
    });
    expect(await cli(['preflight', '--kubeconfig', file])).toEqual({
      code: 2,
      out: '',
      err: `kaudit: kubeconfig ${file}: context "test": client-certificate /nonexistent/client.crt: no such file\n`,
    });
    expect(env.server.requests).toEqual([]);
  });

  it('a server URL with user:password@ never prints the password, --debug included', async () => {
    env = await live({ inventory: demoInventory() });
    const host = new URL(env.server.url).host;
    const file = withUser('userinfo', { token: env.server.token }, { server: `https://admin:hunter2@${host}` });
    for (const args of [['scan'], ['scan', '--debug'], ['preflight'], ['snapshot', '-o', join(env.dir, 's.json')]]) {
      const run = await cli([...args, '--kubeconfig', file]);
      expect(run.code).toBe(2);
      expect(run.err).toContain(`https://admin:***@${host}`);
      expect(run.err).not.toContain('hunter2');
    }
  });

  it('an exec plugin that fails is exit 3, and what it printed reaches no output', async () => {
    env = await live({ inventory: demoInventory() });
    const file = withUser('exec', {
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1',
        command: 'sh',
        args: ['-c', 'echo SENTINEL-STDOUT; echo SENTINEL-STDERR >&2; exit 1'],
      },
    });
    for (const args of [['scan'], ['scan', '--debug'], ['preflight']]) {
      const run = await cli([...args, '--kubeconfig', file]);
      expect(run.code).toBe(3);
      expect(run.err).toContain(
        'kaudit: authentication failed: the exec credential plugin "sh" failed (its output is not shown: it may hold credentials)\n',
      );
      expect(run.out + run.err).not.toContain('SENTINEL');
    }
  });
});

describe('preflight: never "not allowed" for answers it did not get', () => {
  it('exit 3 against a refused server', async () => {
    env = await live({ inventory: demoInventory() });
    await env.server.close();
    const run = await cli(['preflight', '--kubeconfig', env.kubeconfig, '--request-timeout', '5']);
    expect(run).toEqual({
      code: 3,
      out: '',
      err: expect.stringMatching(/^kaudit: cannot reach the API server: connection refused \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)\n$/),
    });
  });

  it('exit 3 on a TLS failure and on 401', async () => {
    env = await live({ inventory: demoInventory() });
    // A CA of its own (the server's certificates are for 127.0.0.1), which did not sign the server's.
    const tls = withUser(
      'tls',
      { token: env.server.token },
      { 'certificate-authority-data': Buffer.from((await servingCerts('localhost')).caPem).toString('base64') },
    );
    expect(await cli(['preflight', '--kubeconfig', tls])).toEqual({
      code: 3,
      out: '',
      err: expect.stringMatching(/^kaudit: cannot reach the API server: TLS verification failed: .*\n$/),
    });
    const wrong = withUser('wrong', { token: 'wrong' });
    expect(await cli(['preflight', '--kubeconfig', wrong])).toEqual({
      code: 3,
      out: '',
      err: 'kaudit: authentication failed: the API server answered 401 Unauthorized (Unauthorized)\n',
    });
  });

  it('exit 3 when no review was answered', async () => {
    env = await live({ inventory: demoInventory() });
    env.server.addFault({ path: 'selfsubjectaccessreviews', type: 'body', status: 201, body: {}, times: Infinity });
    expect(await cli(['preflight', '--kubeconfig', env.kubeconfig, '-b', 'cis-1.12'])).toEqual({
      code: 3,
      out: '',
      err: 'kaudit: could not ask the API server: no access review was answered (first: 201 the access review answer has no status.allowed)\n',
    });
  });

  it('an unanswered review quoting the server reaches the terminal without control characters', async () => {
    env = await live({ inventory: demoInventory() });
    env.server.addFault({
      path: 'selfsubjectaccessreviews',
      type: 'body',
      status: 400,
      body: { kind: 'Status', reason: 'BadRequest', message: 'bad\u001b[2J\u001b]0;owned\u0007 review' },
      times: 1,
    });
    const run = await cli(['preflight', '--kubeconfig', env.kubeconfig, '-b', 'cis-1.12', '--concurrency', '1']);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/│ unknown +│ not answered \(400 bad\[2J\]0;owned review\)/);
    expect(run.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  it('counts unanswered reviews apart from denied ones', async () => {
    env = await live({ inventory: demoInventory(), forbidden: [{ resource: 'secrets' }] });
    env.server.addFault({ path: 'selfsubjectaccessreviews', type: 'body', status: 201, body: { status: {} }, times: 2 });
    const run = await cli(['preflight', '--kubeconfig', env.kubeconfig, '-b', 'cis-1.12', '--concurrency', '1']);
    expect(run.code).toBe(0);
    expect(run.out.match(/│ unknown +│ not answered \(201 the access review answer has no/g)).toHaveLength(2);
    // secrets is denied unless its review was one of the two unanswered.
    expect(run.err).toMatch(
      /^kaudit: \d+ reads checked for cis-1.12: (1 not allowed; their controls will be not-assessed \(see docs\/deploy.md for the ClusterRole\); )?2 not answered \(unknown in the table\)\n$/,
    );
  });
});

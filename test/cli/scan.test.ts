import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, live, type Live } from '../support/live.js';
import { legacyClusterInventory } from '../support/legacy-cluster.js';
import { validReport } from '../support/schema.js';
import { packageRoot } from '../../src/io/package-root.js';

const inventory = legacyClusterInventory;

let env: Live | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe('kaudit scan against a live cluster', () => {
  it('writes a JSON report and exits by --fail-on', async () => {
    env = await live({ inventory: inventory() });
    const ok = await cli(['scan', '--kubeconfig', env.kubeconfig]);
    expect(ok.code).toBe(0);
    const report = validReport(ok.out);
    expect(report.profiles).toEqual(['cis-1.12']);
    expect(report.scan.source).toMatchObject({ type: 'live', context: 'test', kubernetesVersion: 'v1.33.4' });
    const c511 = report.controls.find((c: { id: string }) => c.id === '5.1.1');
    expect(c511.status).toBe('fail');
    expect(c511.findings[0].resource).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      name: 'legacy-admin',
    });
    expect(ok.err).toMatch(/^kaudit: 131 controls \(cis-1.12\): .*; score \d/m);
    expect((await cli(['scan', '--kubeconfig', env.kubeconfig, '--fail-on', 'high'])).code).toBe(1);
    expect((await cli(['scan', '--kubeconfig', env.kubeconfig, '--fail-on', 'critical'])).code).toBe(0);
  });

  it('logs each request with --debug, never the token', async () => {
    env = await live({ inventory: inventory(), token: 'very-secret-token' });
    const run = await cli(['scan', '--kubeconfig', env.kubeconfig, '--checks', 'rbac-cluster-admin-binding', '--debug']);
    expect(run.code).toBe(0);
    expect(run.err).toMatch(/^kaudit: GET \/version 200 \d+ ms$/m);
    expect(run.err).toMatch(/^kaudit: GET \/apis\/rbac.authorization.k8s.io\/v1\/clusterrolebindings\?limit=500 200 \d+ ms$/m);
    expect(run.err).not.toContain('very-secret-token');
  });

  it('writes --output and reports the file', async () => {
    env = await live({ inventory: inventory() });
    const out = join(env.dir, 'r.json');
    const run = await cli(['scan', '--kubeconfig', env.kubeconfig, '-o', out, '--checks', 'rbac-cluster-admin-binding']);
    expect(run.code).toBe(0);
    expect(run.out).toBe('');
    expect(validReport(readFileSync(out, 'utf8')).controls.map((c: { id: string; status: string }) => `${c.id} ${c.status}`)).toEqual([
      '5.1.1 fail',
    ]);
  });

  it('exits 2 for a namespace that does not exist, never an empty green scan', async () => {
    env = await live({ inventory: inventory() });
    expect(await cli(['scan', '--kubeconfig', env.kubeconfig, '-n', 'legcy'])).toEqual({
      code: 2,
      out: '',
      err: 'kaudit: --namespace legcy: no such namespace in the cluster\n',
    });
    const scoped = await cli(['scan', '--kubeconfig', env.kubeconfig, '-n', 'legacy']);
    expect(scoped.code).toBe(0);
    expect(validReport(scoped.out).scan.source.namespaces).toEqual(['legacy']);
    const table = await cli(['scan', '--kubeconfig', env.kubeconfig, '-n', 'legacy', '--exclude-namespace', 'kube-system', '-f', 'table']);
    // The summary's first line, wrapped at 80 columns (no terminal: the default width).
    expect(table.out.split('\n').slice(0, 2)).toEqual([
      'kaudit 0.1.0 — live test (v1.33.4, unknown) — cis-1.12 — namespaces legacy',
      '  only, excluding kube-system',
    ]);
    const html = await cli(['scan', '--kubeconfig', env.kubeconfig, '-n', 'legacy', '-f', 'html']);
    expect(html.out).toMatch(/Namespaces<\/[a-z]+>\s*<[a-z]+[^>]*>only legacy</);
  });

  it('exits 3 with one line when authentication fails (401)', async () => {
    env = await live({ inventory: inventory(), token: 'right' });
    writeFileSync(env.kubeconfig, env.server.kubeconfig({ contextName: 'test', token: 'wrong' }));
    const run = await cli(['scan', '--kubeconfig', env.kubeconfig]);
    expect(run).toEqual({
      code: 3,
      out: '',
      err: expect.stringMatching(/^kaudit: authentication failed: the API server answered 401 Unauthorized \(.*\)\n$/),
    });
  });

  it('exits 3 when the server cannot be reached', async () => {
    env = await live({ inventory: inventory() });
    const port = new URL(env.server.url).port;
    await env.server.close();
    const run = await cli(['scan', '--kubeconfig', env.kubeconfig, '--request-timeout', '5']);
    expect(run.code).toBe(3);
    expect(run.err).toBe(`kaudit: cannot reach the API server: connection refused (connect ECONNREFUSED 127.0.0.1:${port})\n`);
  });

  it('exits 3 on a TLS failure (CA does not match)', async () => {
    env = await live({ inventory: inventory() });
    const text = readFileSync(env.kubeconfig, 'utf8').replace(
      /certificate-authority-data: .*/,
      `certificate-authority-data: ${Buffer.from(otherCa).toString('base64')}`,
    );
    writeFileSync(env.kubeconfig, text);
    const run = await cli(['scan', '--kubeconfig', env.kubeconfig]);
    expect(run.code).toBe(3);
    expect(run.err).toMatch(/^kaudit: cannot reach the API server: TLS verification failed: .*\n$/);
  });
});

describe('--pss-version', () => {
  it('evaluates the Pod Security Standards at that policy version', async () => {
    const demo = join(packageRoot(), 'src', 'demo', 'cluster');
    const statusAt = async (version: string) => {
      const run = await cli(['scan', '--manifests', demo, '-b', 'pss-restricted', '--pss-version', version]);
      expect(run.code).toBe(0);
      return Object.fromEntries(validReport(run.out).controls.map((c: { id: string; status: string }) => [c.id, c.status]));
    };
    const latest = await statusAt('latest');
    const v122 = await statusAt('v1.22');
    expect([latest['running-as-non-root-user'], v122['running-as-non-root-user']]).toEqual(['fail', 'not-applicable']);
    // kubeadm's static pods set probe hosts: a finding from v1.34 on, a control that does not exist before.
    expect([latest['host-probes-lifecycle'], v122['host-probes-lifecycle']]).toEqual(['fail', 'not-applicable']);
  });
});

describe('bad input exits 2 with one line, never a stack', () => {
  it.each([
    [['scan', '--kubeconfig', '/nonexistent/kubeconfig'], 'kaudit: kubeconfig /nonexistent/kubeconfig: no such file\n'],
    [['scan', '--manifests', '/nonexistent.yaml'], 'kaudit: manifests /nonexistent.yaml: no such file or directory\n'],
    [['scan', '--snapshot', '/nonexistent.json'], 'kaudit: snapshot /nonexistent.json: no such file\n'],
    [
      ['scan', '--checks', 'no-such-check', '--manifests', '-'],
      'kaudit: --checks: unknown check id "no-such-check" (see `kaudit checks`)\n',
    ],
    [['scan', '--skip', 'a,b', '--manifests', '-'], 'kaudit: --skip: unknown check ids "a", "b" (see `kaudit checks`)\n'],
    [
      ['scan', '--benchmark', 'cis-0.1', '--manifests', '-'],
      expect.stringMatching(/^kaudit: --benchmark: unknown benchmark "cis-0.1" \(available: .*cis-1.12.*\)\n$/),
    ],
    [
      ['scan', '--severity', 'urgent'],
      'kaudit: Invalid values: Argument: severity, Given: "urgent", Choices: "critical", "high", "medium", "low", "info"\n',
    ],
    [['scan', '--concurrency', '0', '--manifests', '-'], 'kaudit: --concurrency must be a positive whole number (got 0)\n'],
    [
      ['scan', '--manifests', 'x.yaml', '--snapshot', 'y.json'],
      'kaudit: --manifests and --snapshot cannot be combined: choose one source\n',
    ],
    [['scna'], 'kaudit: unknown command "scna". Did you mean scan?\n'],
    [['scan', '--bogus-flag'], 'kaudit: Unknown arguments: bogus-flag, bogusFlag\n'],
    [
      ['scan', '--manifests', '-', '--pss-version', 'v2.0'],
      'kaudit: --pss-version: invalid Pod Security Standards version "v2.0": expected "latest", "v1.<minor>" or "1.<minor>" (for example "v1.30")\n',
    ],
    [['scan', '--checks', ',', '--manifests', '-'], 'kaudit: --checks: name at least one check id (see `kaudit checks`)\n'],
    [['scan', '--benchmark', ',', '--manifests', '-'], 'kaudit: --benchmark: name a profile (see `kaudit benchmarks`)\n'],
    [
      ['scan', '--checks', 'image-tag-latest', '--benchmark', 'cis-1.12', '--manifests', 'src/demo/cluster'],
      'kaudit: the selection leaves no control to score (check --benchmark, --checks, --skip and --severity)\n',
    ],
    [['scan', '--manifests', 'src/demo/cluster', '-n', 'legcy'], 'kaudit: --namespace legcy: no such namespace in the input\n'],
    [['checks', 'explain', 'nope'], 'kaudit: checks explain: unknown check id "nope" (see `kaudit checks`)\n'],
  ])('%j', async (args, err) => {
    const run = await cli(args as string[]);
    expect(run.code).toBe(2);
    expect(run.err).toEqual(err);
  });

  it('rejects a malformed kubeconfig, an unknown context and an invalid exceptions file', async () => {
    env = await live({ inventory: inventory() });
    const bad = join(env.dir, 'bad');
    writeFileSync(bad, 'clusters: [unclosed');
    expect(await cli(['scan', '--kubeconfig', bad])).toEqual({
      code: 2,
      out: '',
      err: expect.stringMatching(new RegExp(`^kaudit: kubeconfig ${bad}: .+\\n$`)),
    });
    expect(await cli(['scan', '--kubeconfig', env.kubeconfig, '--context', 'prod'])).toEqual({
      code: 2,
      out: '',
      err: `kaudit: context "prod" not found in kubeconfig ${env.kubeconfig} (contexts: test)\n`,
    });
    const waivers = join(env.dir, 'waivers.yaml');
    writeFileSync(waivers, 'exceptions:\n  - checks: [rbac-cluster-admin-binding]\n    owner: me\n');
    expect(await cli(['scan', '--kubeconfig', env.kubeconfig, '--exceptions', waivers])).toEqual({
      code: 2,
      out: '',
      err: `kaudit: exceptions ${waivers}: entry 1: "reason" is required: say why this is accepted\n`,
    });
  });

  it('rejects a kubeconfig whose server is not usable, without retrying', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaudit-kc-'));
    const kc = (server: string) => {
      const file = join(dir, `kc-${server.length}`);
      writeFileSync(
        file,
        `apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters: [{name: c, cluster: {server: '${server}'}}]\nusers: [{name: u, user: {token: x}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\n`,
      );
      return file;
    };
    expect(await cli(['scan', '--kubeconfig', kc('http://127.0.0.1:1')])).toEqual({
      code: 2,
      out: '',
      err: 'kaudit: kubeconfig: the server address is plain http://, which the Kubernetes client refuses without insecure-skip-tls-verify (use https://)\n',
    });
    expect(await cli(['scan', '--kubeconfig', kc('notaurl')])).toEqual({
      code: 2,
      out: '',
      err: 'kaudit: kubeconfig: the server address is not a valid URL\n',
    });
    expect(await cli(['scan', '--kubeconfig', dir])).toEqual({
      code: 2,
      out: '',
      err: expect.stringMatching(new RegExp(`^kaudit: kubeconfig ${dir}: .*EISDIR.*\\n$`)),
    });
  });

  it('rejects manifests whose objects have the wrong shape, naming the document', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaudit-shape-'));
    const cases: [string, string][] = [
      [
        'apiVersion: v1\nkind: Pod\nmetadata: {name: p, ownerReferences: x}\nspec: {containers: [{name: c}]}\n',
        'Pod p: metadata.ownerReferences must be a list of {kind, name}',
      ],
      [
        'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [null]}\n',
        'Pod p: spec.containers[0] must be a mapping with a name',
      ],
      [
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {containers: {a: 1}}}}\n',
        'Deployment d: spec.template.spec.containers must be a list',
      ],
      ['apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: x\n', 'Pod p: spec must be a mapping'],
    ];
    for (const [i, [text, problem]] of cases.entries()) {
      const file = join(dir, `m${i}.yaml`);
      writeFileSync(file, text);
      expect(await cli(['scan', '--manifests', file])).toEqual({
        code: 2,
        out: '',
        err: `kaudit: manifests ${file} document 1: ${problem}\n`,
      });
    }
  });

  it('rejects manifests that do not parse, naming the file and line', async () => {
    env = await live({ inventory: inventory() });
    const file = join(env.dir, 'broken.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [oops\n');
    const run = await cli(['scan', '--manifests', file]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(new RegExp(`^kaudit: manifests ${file}:\\d+: not valid YAML or JSON \\(.+\\)\\n$`));
  });
});

// A CA that did not sign the server's certificate.
const otherCa = `-----BEGIN CERTIFICATE-----
MIIBdzCCAR2gAwIBAgIUXp0wWgm3RpY3oF2sDk8+1lW6qk4wCgYIKoZIzj0EAwIw
ETEPMA0GA1UEAwwGb3RoZXJjYTAeFw0yNjAxMDEwMDAwMDBaFw0zNjAxMDEwMDAw
MDBaMBExDzANBgNVBAMMBm90aGVyY2EwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNC
AAQ8W1u4cJz3ZbQx2o8N2X9yJw3f4wBv9JrjQ2iKk6Y8Hn1v2Qe8n1p9y8Zy0vJY
mJ8P0qf4c1YbX7Q8lN4Zr3Jzo1MwUTAdBgNVHQ4EFgQUb4W4oQ0O0p6W0m7c4Z8w
3H2j6SowHwYDVR0jBBgwFoAUb4W4oQ0O0p6W0m7c4Z8w3H2j6SowDwYDVR0TAQH/
BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiEA0n5Yb3n8wZ4s2d1Q0m9w1N8s1Q2x
w3n8o1K2x3v4c5UCIFx3b5c1w4n2m8x7z6y5v4u3t2s1r0q9p8o7n6m5l4k3
-----END CERTIFICATE-----
`;

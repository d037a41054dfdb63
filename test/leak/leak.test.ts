/**
 * No secret in any output. Sentinels are planted in every place a secret can hide (fixture.ts),
 * served by the loopback API server, and every output of the real CLI is searched for them: scan
 * reports in each format with the --debug request log, snapshots, scans of snapshots, `kaudit
 * serve` answers (list, get, configz) from a snapshot, the same cluster as --manifests, a tampered
 * snapshot, error lines that quote cluster input, and node reports (the agent on a host holding an
 * encryption key and credential flags, --node-report, snapshots with them, an agent pod's log).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, fetch } from 'undici';
import { parse } from 'yaml';
import { packageRoot } from '../../src/io/package-root.js';
import { loadProfiles } from '../../src/profiles/load.js';
import { apiVersionOf, RESOURCE_TYPES } from '../../src/core/resources.js';
import { Client } from '../apiserver/helpers.js';
import { cli, live, type CliRun, type Live } from '../support/live.js';
import { leakyInventory, leakyManifests, Sentinels } from './fixture.js';
import { kubeadmControlPlane } from '../support/host-root.js';

// Every shipped profile, so every check reads the planted objects.
const SHIPPED = loadProfiles();
const PROFILES = ['-b', SHIPPED.map((p) => p.id).join(',')];
const CONTROLS = SHIPPED.reduce((n, p) => n + p.sections.reduce((m, s) => m + s.controls.length, 0), 0);

const s = new Sentinels();
const fixture = leakyInventory(s);
const manifestsText = leakyManifests(fixture);
/** Built-in kinds, and the optional kinds the fixture serves (the others are 404, as without their CRD). */
const servedTypes = RESOURCE_TYPES.filter((r) => !r.optional || fixture.served[r.key]);
let env: Live;
/** Every output: where it came from, and its text. */
const outputs: [string, string][] = [];

function record(where: string, run: CliRun): CliRun {
  outputs.push([`${where} stdout`, run.out], [`${where} stderr`, run.err]);
  return run;
}

/** `kaudit scan ARGS` as a JSON report: it holds every string the table and HTML reports show (they render subsets of it). */
async function scanJson(where: string, args: string[]): Promise<void> {
  const run = record(`${where} -f json`, await cli(['scan', ...args, ...PROFILES, '-f', 'json']));
  expect(run.code).toBe(0);
  expect(JSON.parse(run.out).controls.length).toBe(CONTROLS);
}

beforeAll(async () => {
  env = await live({ inventory: fixture });
});
afterAll(async () => {
  await env.close();
});

/** Everything the test server sends for every kind, raw (before kaudit sanitizes anything). */
async function servedFixture(): Promise<string> {
  const client = new Client(env.server);
  try {
    const answers: string[] = [];
    for (const r of servedTypes) answers.push((await client.get(`/${r.group ? 'apis' : 'api'}/${apiVersionOf(r)}/${r.plural}`)).text);
    answers.push((await client.get('/api/v1/nodes/cp1/proxy/configz')).text);
    return answers.join('\n');
  } finally {
    await client.close();
  }
}

describe('no sentinel in any output', () => {
  it('planted every sentinel where kaudit reads: the served cluster and the manifests hold them all', async () => {
    const served = await servedFixture();
    // Secret data, binary ConfigMap data and the k3s applied copy are served encoded: those forms are looked for.
    const present =
      (text: string) =>
      ([place, v]: [string, string]) =>
        text.includes(s.encoded.get(place) ?? v);
    expect([...s.planted].filter((n) => !present(served)(n))).toEqual([]);
    expect([...s.planted].filter((n) => !present(manifestsText)(n))).toEqual([]);
    expect(s.planted.size).toBe(122);
  });

  it('live scans in every format with --debug, a snapshot and scans of it', async () => {
    for (const format of ['json', 'table', 'html']) {
      const run = record(
        `scan -f ${format} --debug`,
        await cli(['scan', '--kubeconfig', env.kubeconfig, ...PROFILES, '-f', format, '--debug']),
      );
      expect(run.code).toBe(0);
      expect(run.err).toMatch(/^kaudit: GET \/api\/v1\/nodes\/cp1\/proxy\/configz 200 \d+ ms$/m);
      expect(run.out).toContain('kube-apiserver-cp1');
    }
    const snapshot = join(env.dir, 'snap.json');
    const snap = record('snapshot', await cli(['snapshot', '--kubeconfig', env.kubeconfig, '-o', snapshot, '--debug']));
    expect(snap.code).toBe(0);
    const text = readFileSync(snapshot, 'utf8');
    outputs.push(['snapshot file', text]);
    // The places were kept, with their values redacted: the test looks where the secrets were.
    const inv = JSON.parse(text);
    expect(inv.controlPlane[0].flags).toMatchObject({
      'oidc-client-secret': '<redacted>',
      'etcd-servers': 'https://root:<redacted>@127.0.0.1:2379',
      'token-auth-file': '/etc/kubernetes/tokens.csv',
    });
    expect(inv.kubelets[0].config.staticPodURLHeader).toEqual({ Authorization: ['<redacted>'] });
    expect(inv.pods.find((p: { metadata: { name: string } }) => p.metadata.name === 'api-0').spec.containers[0].args).toEqual([
      '-c',
      'run --token <redacted> && echo done',
      '--api_key=<redacted>',
      '--pwd=<redacted>',
      '--access-key=<redacted>',
      '--client-secret',
      '<redacted>',
      '--db=postgres://app:<redacted>@db:5432/app',
      '--token-auth-file=/etc/tokens.csv',
    ]);
    // ConfigMap values were judged as they entered: the verdicts are kept, the values are not.
    expect(inv.configMaps.find((c: { metadata: { name: string } }) => c.metadata.name === 'creds').credentialVerdicts).toEqual([
      { key: 'DB_PASSWORD', kind: 'name', match: 'password' },
      { key: 'application.properties', kind: 'line-name', match: 'password', line: 2 },
      { key: 'authorization', kind: 'shape', match: 'bearer-token' },
      { key: 'db.properties', kind: 'line-name', match: 'password', line: 1 },
      { key: 'hook', kind: 'shape', match: 'slack-webhook' },
      { key: 'tls.key', kind: 'shape', match: 'private-key' },
    ]);
    await scanJson('scan --snapshot', ['--snapshot', snapshot]);
    for (const args of [['netpol'], ['netpol', '-f', 'json'], ['netpol', 'reach', 'shop/api', '--port', '80', '-f', 'json']]) {
      const run = record(args.join(' '), await cli([...args, '--snapshot', snapshot]));
      expect(run.code).toBe(0);
    }
    outputs.push(['served from the snapshot', await serveAndGet(snapshot)]);
    // Three live scans of every profile, a snapshot and its scans: allow for a busy machine.
  }, 120_000);

  it('a tampered snapshot is sanitized again on load: objects, control-plane flags and kubelet configs', async () => {
    const inv = JSON.parse(readFileSync(join(env.dir, 'snap.json'), 'utf8'));
    inv.controlPlane[0].flags['oidc-client-secret'] = s.make('tampered-flag');
    inv.controlPlane[0].flags['etcd-servers'] = `https://root:${s.make('tampered-flag-url')}@127.0.0.1:2379`;
    inv.kubelets[0].config.staticPodURLHeader = { Authorization: [`Bearer ${s.make('tampered-kubelet-header')}`] };
    inv.kubelets[0].config.staticPodURL = `https://pods:${s.make('tampered-kubelet-url')}@config.example/`;
    inv.pods.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'smuggled', namespace: 'shop', annotations: { 'objectset.rio.cattle.io/applied': s.make('tampered-applied') } },
      spec: {
        containers: [
          {
            name: 'a',
            args: ['sh', '-c', `x --password=${s.make('tampered-shell')}`],
            env: [{ name: 'K', value: s.make('tampered-env') }],
          },
        ],
      },
    });
    inv.secrets.push({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'smuggled', namespace: 'shop' },
      stringData: { k: s.make('tampered-secret') },
    });
    inv.configMaps.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'smuggled', namespace: 'shop' },
      dataKeys: ['k'],
      credentialVerdicts: [
        { key: 'k', kind: 'name', match: s.make('tampered-verdict') },
        { key: 'k', kind: 'shape', match: 'jwt', value: s.make('tampered-verdict-extra') },
      ],
    });
    const tampered = join(env.dir, 'tampered.json');
    writeFileSync(tampered, JSON.stringify(inv));
    const text = readFileSync(tampered, 'utf8');
    expect(
      s
        .needles()
        .filter(([place]) => place.startsWith('tampered-'))
        .every(([, v]) => text.includes(v)),
    ).toBe(true);
    await scanJson('scan --snapshot tampered', ['--snapshot', tampered]);
    const again = join(env.dir, 'again.json');
    expect(record('snapshot --snapshot tampered', await cli(['snapshot', '--snapshot', tampered, '-o', again])).code).toBe(0);
    outputs.push(['snapshot of the tampered snapshot', readFileSync(again, 'utf8')]);
    outputs.push(['served from the tampered snapshot', await serveAndGet(tampered)]);
  });

  it('the same cluster as manifests, and its snapshot', async () => {
    const file = join(env.dir, 'cluster.yaml');
    writeFileSync(file, manifestsText);
    await scanJson('scan --manifests', ['--manifests', file]);
    const snapshot = join(env.dir, 'manifests-snap.json');
    expect(record('snapshot --manifests', await cli(['snapshot', '--manifests', file, '-o', snapshot])).code).toBe(0);
    const text = readFileSync(snapshot, 'utf8');
    outputs.push(['snapshot of the manifests', text]);
    expect(JSON.parse(text).kubelets[0].config.staticPodURLHeader).toEqual({ Authorization: ['<redacted>'] });
  });

  it('error lines that quote cluster input', async () => {
    const dir = env.dir;
    // A YAML error on a line that holds a secret.
    writeFileSync(
      join(dir, 'broken.yaml'),
      `apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  password: "${s.make('yaml-error')}\n  other: [\n`,
    );
    expect(record('broken YAML', await cli(['scan', '--manifests', join(dir, 'broken.yaml')])).code).toBe(2);
    // A malformed object full of secrets: the error names it, and nothing else of it.
    const bad = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'bad', namespace: 'shop', annotations: { 'example.com/api-token': s.make('shape-error-annotation') } },
      spec: { containers: [{ name: 'a', env: [{ name: 'P', value: s.make('shape-error-env') }], securityContext: 'privileged' }] },
    };
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    const run = record('malformed object', await cli(['scan', '--manifests', join(dir, 'bad.json')]));
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/^kaudit: manifests \S+bad\.json\b.*: Pod bad: spec\.containers\[0\]\.securityContext must be a mapping\n$/);
    // A kubeconfig whose server URL carries a password (an unreachable port: the error line names the server).
    const kubeconfig = join(dir, 'userinfo.kubeconfig');
    writeFileSync(
      kubeconfig,
      env.server
        .kubeconfig({ contextName: 'test' })
        .replace(/server: https:\/\/127\.0\.0\.1:\d+/, `server: https://admin:${s.make('kubeconfig-url')}@127.0.0.1:1`),
    );
    expect(readFileSync(kubeconfig, 'utf8')).toContain(s.planted.get('kubeconfig-url'));
    const unreachable = record('unreachable server', await cli(['scan', '--kubeconfig', kubeconfig, '--debug', '--request-timeout', '2']));
    // Exit 3 (unreachable) or 2 (a kubeconfig problem): the line is what this test is about.
    expect(unreachable.code).toBeGreaterThanOrEqual(2);
    expect(unreachable.err).toMatch(/^kaudit: .*admin:\*\*\*@127\.0\.0\.1:1/m);
  }, 30_000);

  it('node reports: the agent on a host, --node-report, a snapshot with them, agent pod logs, a tampered report', async () => {
    const host = kubeadmControlPlane({
      hostname: 'cp1',
      encryptionKey: s.make('agent-encryption-key'),
      apiserverArgs: [
        `--oidc-client-secret=${s.make('agent-flag')}`,
        `--etcd-servers=https://root:${s.make('agent-flag-url')}@127.0.0.1:2379`,
      ],
      kubeletHeader: s.make('agent-kubelet-config-header'),
    });
    try {
      const hostText =
        readFileSync(join(host.root, 'etc/kubernetes/enc/encryption.yaml'), 'utf8') +
        readFileSync(join(host.proc, '103', 'cmdline'), 'utf8') +
        readFileSync(join(host.root, 'var/lib/kubelet/config.yaml'), 'utf8');
      expect(
        s
          .needles()
          .filter(([place]) => place.startsWith('agent-'))
          .every(([, v]) => hostText.includes(v)),
      ).toBe(true);
      const agent = record('kaudit node', await cli(['node', '--host-root', host.root]));
      expect(agent.code).toBe(0);
      const file = join(env.dir, 'cp1.json');
      expect(record('kaudit node -o', await cli(['node', '--host-root', host.root, '-o', file])).code).toBe(0);
      outputs.push(['node report file', readFileSync(file, 'utf8')]);
      const snapshot = join(env.dir, 'snap.json');
      await scanJson('scan --snapshot --node-report', ['--snapshot', snapshot, '--node-report', file]);
      const withReports = join(env.dir, 'snap-nodes.json');
      expect(
        record('snapshot --node-report', await cli(['snapshot', '--snapshot', snapshot, '--node-report', file, '-o', withReports])).code,
      ).toBe(0);
      const snapText = readFileSync(withReports, 'utf8');
      outputs.push(['snapshot with node reports', snapText]);
      expect(
        JSON.parse(snapText).nodeReports[0].components.find((c: { name: string }) => c.name === 'kube-apiserver').flags[
          'oidc-client-secret'
        ],
      ).toBe('<redacted>');
      // A hand-edited report: a credential flag with a literal value is sanitized on load; a key-bearing field is refused.
      const tampered = JSON.parse(readFileSync(file, 'utf8'));
      tampered.components[0].flags['bootstrap-token'] = s.make('report-tampered-flag');
      const tamperedFile = join(env.dir, 'tampered-node.json');
      writeFileSync(tamperedFile, JSON.stringify(tampered));
      const reSnap = join(env.dir, 'snap-tampered-nodes.json');
      expect(
        record(
          'snapshot --node-report tampered',
          await cli(['snapshot', '--snapshot', snapshot, '--node-report', tamperedFile, '-o', reSnap]),
        ).code,
      ).toBe(0);
      outputs.push(['snapshot with a tampered node report', readFileSync(reSnap, 'utf8')]);
      tampered.encryption.resources[0].keys = [{ name: 'k', secret: s.make('report-smuggled-key') }];
      tampered.encryption[s.make('report-smuggled-field-name')] = 1;
      writeFileSync(tamperedFile, JSON.stringify(tampered));
      const refused = record('a node report with a key', await cli(['scan', '--snapshot', snapshot, '--node-report', tamperedFile]));
      expect(refused.code).toBe(2);
      // The agent's pod log, read live.
      const agentEnv = await live({
        inventory: {
          ...fixture,
          pods: [
            ...fixture.pods,
            {
              apiVersion: 'v1',
              kind: 'Pod',
              metadata: { name: 'agent', namespace: 'kaudit-node', labels: { 'app.kubernetes.io/name': 'kaudit-node' } },
              spec: { nodeName: 'cp1', containers: [{ name: 'agent', image: 'kaudit' }] },
            },
          ],
        },
        podLogs: { 'kaudit-node/agent': agent.out },
      });
      try {
        const run = record(
          'scan with the agent log',
          await cli(['scan', '--kubeconfig', agentEnv.kubeconfig, ...PROFILES, '-f', 'json', '--debug']),
        );
        expect(run.code).toBe(0);
        expect(run.err).toMatch(/GET \/api\/v1\/namespaces\/kaudit-node\/pods\/agent\/log\?tailLines=5&limitBytes=4194304 200/);
        expect(JSON.parse(run.out).coverage).toEqual([]);
      } finally {
        await agentEnv.close();
      }
    } finally {
      rmSync(host.root, { recursive: true, force: true });
    }
  }, 60_000);

  it('none of the outputs holds a sentinel', () => {
    expect(outputs.length).toBe(52);
    expect(outputs.flatMap(([where, text]) => s.leaksIn(where, text))).toEqual([]);
  });
});

/** `kaudit serve --snapshot FILE` (the installed CLI, in a child process), then every list, every object and configz through HTTPS. */
async function serveAndGet(snapshot: string): Promise<string> {
  const kubeconfig = `${snapshot}.kubeconfig`;
  const child = spawn(
    process.execPath,
    [join(packageRoot(), 'bin', 'kaudit.js'), 'serve', '--snapshot', snapshot, '--write-kubeconfig', kubeconfig],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  try {
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (d) => {
        log += d;
        if (log.includes('Ctrl-C stops')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${log}`)));
    });
    const kc = parse(readFileSync(kubeconfig, 'utf8'));
    const server: string = kc.clusters[0].cluster.server;
    const agent = new Agent({ connect: { ca: Buffer.from(kc.clusters[0].cluster['certificate-authority-data'], 'base64').toString() } });
    const get = async (path: string) => {
      const res = await fetch(`${server}${path}`, { headers: { authorization: `Bearer ${kc.users[0].user.token}` }, dispatcher: agent });
      expect(res.status).toBe(200);
      return res.text();
    };
    const answers: string[] = [];
    for (const r of servedTypes) {
      const base = `/${r.group ? 'apis' : 'api'}/${apiVersionOf(r)}`;
      const list = await get(`${base}/${r.plural}`);
      answers.push(list);
      for (const item of JSON.parse(list).items as { metadata: { name: string; namespace?: string } }[]) {
        answers.push(
          await get(`${base}/${item.metadata.namespace ? `namespaces/${item.metadata.namespace}/` : ''}${r.plural}/${item.metadata.name}`),
        );
      }
    }
    answers.push(await get('/api/v1/nodes/cp1/proxy/configz'));
    await agent.close();
    expect(answers.join('\n')).toContain('"name":"api-0"');
    return [...answers, log].join('\n');
  } finally {
    child.kill('SIGTERM');
  }
}

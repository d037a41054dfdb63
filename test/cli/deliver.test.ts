import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:https';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { servingCerts } from '../../src/apiserver/tls.js';
import { emptyInventory } from '../../src/core/inventory.js';
import { cli, live, type Live } from '../support/live.js';
import { validReport } from '../support/schema.js';

/** A loopback HTTPS receiver answering each POST with the next status of `plan` (the last one repeats). */
interface Receiver {
  url: string;
  caFile: string;
  received: { method?: string; authorization?: string; type?: string; body: string }[];
  plan: number[];
}

let env: Live;
let dir: string;
let server: Server;
const receiver: Receiver = { url: '', caFile: '', received: [], plan: [] };

beforeAll(async () => {
  const inv = emptyInventory({ type: 'snapshot', collectedAt: '2026-11-24T00:00:00Z' });
  inv.version = { major: '1', minor: '33', gitVersion: 'v1.33.4' };
  inv.namespaces.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'legacy' } });
  env = await live({ inventory: inv });
  dir = mkdtempSync(join(tmpdir(), 'kaudit-deliver-'));
  const certs = await servingCerts('127.0.0.1');
  receiver.caFile = join(dir, 'ca.pem');
  writeFileSync(receiver.caFile, certs.caPem);
  writeFileSync(join(dir, 'token'), 'post-secret-token\n');
  server = createServer({ cert: certs.certPem, key: certs.keyPem }, (req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      receiver.received.push({ method: req.method, authorization: req.headers.authorization, type: req.headers['content-type'], body });
      res.statusCode = receiver.plan.length > 1 ? (receiver.plan.shift() ?? 500) : (receiver.plan[0] ?? 500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  receiver.url = `https://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/reports`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await env.close();
  rmSync(dir, { recursive: true, force: true });
});

const scan = (out: string, ...more: string[]) =>
  cli(['scan', '--kubeconfig', env.kubeconfig, '-b', 'pss-baseline', '--output-dir', out, ...more]);

describe('scan --output-dir', () => {
  it('keeps a timestamped report and a latest copy, removes all but the --keep newest, and prints one JSON line', async () => {
    const out = join(dir, 'kept');
    mkdirSync(out);
    for (const old of [
      'kaudit-20250101T000000Z.json',
      'kaudit-20250201T000000Z.json',
      'kaudit-20250301T000000Z.json',
      'kaudit-other-20240101T000000Z.json',
      'notes.json',
    ])
      writeFileSync(join(out, old), '{}');
    const run = await scan(out, '--keep', '2');
    expect(run.code).toBe(0);
    const files = readdirSync(out).sort();
    // Older runs named kaudit-<time>.json and this run's kaudit-<context>-<time>.json count together for --keep.
    const stamped = files.filter((f) => /^kaudit-(?:test-)?\d{8}T\d{6}Z\.json$/.test(f));
    expect(stamped).toHaveLength(2);
    expect(stamped[0]).toBe('kaudit-20250301T000000Z.json');
    expect(stamped[1]).toMatch(/^kaudit-test-\d{8}T\d{6}Z\.json$/);
    // Another context's report in the same folder is not this context's to prune.
    expect(files).toEqual([
      'kaudit-20250301T000000Z.json',
      'kaudit-other-20240101T000000Z.json',
      stamped[1]!,
      'kaudit-test-latest.json',
      'notes.json',
    ]);
    const report = validReport(readFileSync(join(out, 'kaudit-test-latest.json'), 'utf8'));
    expect(readFileSync(join(out, stamped[1]!), 'utf8')).toBe(readFileSync(join(out, 'kaudit-test-latest.json'), 'utf8'));
    // One line on stdout, for log collectors.
    expect(run.out.split('\n')).toHaveLength(2);
    const line = JSON.parse(run.out);
    expect(line).toEqual({
      kaudit: report.tool.version,
      context: 'test',
      finishedAt: report.scan.finishedAt,
      score: report.summary.score,
      profiles: { 'pss-baseline': report.summary.profiles[0].score },
      counts: report.summary.counts,
      failingFindings: report.summary.severities,
      unreadKinds: 0,
      exitCode: 0,
      report: join(out, stamped[1]!),
      latest: join(out, 'kaudit-test-latest.json'),
    });
    expect(run.err).toContain('kaudit: --keep 2: removed 2 older json reports\n');
  });

  it('bad combinations are one line and exit 2 before scanning', async () => {
    const out = join(dir, 'bad');
    expect(await cli(['scan', '--kubeconfig', env.kubeconfig, '--keep', '2'])).toEqual({
      code: 2,
      out: '',
      err: 'kaudit: --keep needs --output-dir\n',
    });
    expect(await scan(out, '-o', join(dir, 'r.json'))).toEqual({
      code: 2,
      out: '',
      err: 'kaudit: -o/--output and --output-dir cannot be combined: choose one\n',
    });
    expect(await cli(['scan', '--kubeconfig', env.kubeconfig, '--post-url', receiver.url])).toEqual({
      code: 2,
      out: '',
      err: 'kaudit: --post-url needs --output-dir: the report is kept there before it is sent, so a failed delivery loses nothing\n',
    });
    expect(await scan(out, '--post-url', 'http://collector.example/reports')).toEqual({
      code: 2,
      out: '',
      err: "kaudit: --post-url http://collector.example/reports: only https:// is allowed (the report describes the cluster's weaknesses)\n",
    });
    // Without json among the formats there is nothing to send: refused before the scan writes anything.
    expect(await scan(out, '-f', 'sarif', '-f', 'html', '--post-url', receiver.url, '--post-ca', receiver.caFile)).toEqual({
      code: 2,
      out: '',
      err: 'kaudit: --post-url sends the JSON report: add -f json to the formats written to --output-dir\n',
    });
    expect(await scan(out, '--post-url', receiver.url, '--post-token-file', join(dir, 'missing'))).toEqual({
      code: 2,
      out: '',
      err: `kaudit: --post-token-file ${join(dir, 'missing')}: no such file\n`,
    });
    expect(existsSync(out)).toBe(false);
  });
});

describe('scan --cluster-name', () => {
  it('names the report, its files and the log line; clusters sharing a folder keep their own latest copy and --keep', async () => {
    const out = join(dir, 'shared');
    const prod = await scan(out, '--cluster-name', 'prod-eu-1', '--keep', '1');
    // The environment variable is how the CronJob sets it (install --print --cluster-name).
    const staging = await cli(['scan', '--kubeconfig', env.kubeconfig, '-b', 'pss-baseline', '--output-dir', out, '--keep', '1'], {
      env: { KAUDIT_CLUSTER_NAME: 'arn:aws:eks:eu-west-1:1234:cluster/staging' },
    });
    expect([prod.code, staging.code]).toEqual([0, 0]);
    const stagingName = readdirSync(out).find(
      (f) => f.startsWith('kaudit-arn_aws_eks_eu-west-1_1234_cluster_staging-') && f.endsWith('-latest.json'),
    );
    expect(stagingName).toMatch(/^kaudit-arn_aws_eks_eu-west-1_1234_cluster_staging-[0-9a-f]{8}-latest\.json$/);
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(4);
    expect(files).toContain('kaudit-prod-eu-1-latest.json');
    expect(files.filter((f) => /^kaudit-prod-eu-1-\d{8}T\d{6}Z\.json$/.test(f))).toHaveLength(1);
    const prodReport = validReport(readFileSync(join(out, 'kaudit-prod-eu-1-latest.json'), 'utf8'));
    const stagingReport = validReport(readFileSync(join(out, stagingName ?? ''), 'utf8'));
    expect([prodReport.scan.clusterName, prodReport.scan.source.context]).toEqual(['prod-eu-1', 'test']);
    expect(stagingReport.scan.clusterName).toBe('arn:aws:eks:eu-west-1:1234:cluster/staging');
    expect(JSON.parse(prod.out)).toMatchObject({
      context: 'test',
      clusterName: 'prod-eu-1',
      latest: join(out, 'kaudit-prod-eu-1-latest.json'),
    });
    // A second run of prod: --keep 1 removes prod's older report, never staging's.
    await new Promise((r) => setTimeout(r, 1100));
    expect((await scan(out, '--cluster-name', 'prod-eu-1', '--keep', '1')).code).toBe(0);
    const after = readdirSync(out).sort();
    expect(after).toHaveLength(4);
    expect(after.filter((f) => f.startsWith('kaudit-arn_'))).toEqual(files.filter((f) => f.startsWith('kaudit-arn_')));

    // The summary formats name the cluster (and the context it was read through).
    const md = await cli(['report', join(out, 'kaudit-prod-eu-1-latest.json'), '-f', 'markdown']);
    expect([md.code, md.err]).toEqual([0, '']);
    expect(md.out.split('\n')).toContainEqual(expect.stringMatching(/^kaudit .* — live prod-eu-1 \(context test\) \(v1\.33\.4, /));

    const html = await cli(['report', join(out, 'kaudit-prod-eu-1-latest.json'), '-f', 'html']);
    expect(html.out).toMatch(/<dt>Cluster<\/dt>\s*<dd>prod-eu-1<\/dd>/);

    // report fleet names in-cluster style reports of one folder by their cluster name.
    const fleet = await cli(['report', 'fleet', out, '-f', 'json']);
    expect(fleet.code).toBe(0);
    expect(
      JSON.parse(fleet.out)
        .clusters.map((c: { cluster: string }) => c.cluster)
        .sort(),
    ).toEqual(['arn:aws:eks:eu-west-1:1234:cluster/staging', 'prod-eu-1']);
  }, 30_000);

  it('a name that is not one is exit 2 before scanning; an empty variable is unset', async () => {
    const out = join(dir, 'badname');
    expect(await scan(out, '--cluster-name', 'prod eu')).toEqual({
      code: 2,
      out: '',
      err: 'kaudit: --cluster-name "prod eu": not a cluster name (letters, digits and . _ : @ / -, starting with a letter or digit, at most 253)\n',
    });
    expect(await scan(out, '--cluster-name', '')).toMatchObject({ code: 2, out: '' });
    expect(await cli(['scan', '--kubeconfig', env.kubeconfig, '--output-dir', out], { env: { KAUDIT_CLUSTER_NAME: '-x' } })).toEqual({
      code: 2,
      out: '',
      err: 'kaudit: KAUDIT_CLUSTER_NAME "-x": not a cluster name (letters, digits and . _ : @ / -, starting with a letter or digit, at most 253)\n',
    });
    expect(existsSync(out)).toBe(false);
    const unset = await cli(['scan', '--kubeconfig', env.kubeconfig, '-b', 'pss-baseline', '--output-dir', out], {
      env: { KAUDIT_CLUSTER_NAME: '' },
    });
    expect(unset.code).toBe(0);
    expect(JSON.parse(unset.out)).not.toHaveProperty('clusterName');
    expect(readdirSync(out)).toContain('kaudit-test-latest.json');
  });
});

describe('scan --post-url', () => {
  it('POSTs the saved JSON report with the bearer token, retrying a 503', async () => {
    receiver.received = [];
    receiver.plan = [503, 201];
    const out = join(dir, 'posted');
    const run = await scan(out, '--post-url', receiver.url, '--post-token-file', join(dir, 'token'), '--post-ca', receiver.caFile);
    expect(run.code).toBe(0);
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]).toMatchObject({ method: 'POST', authorization: 'Bearer post-secret-token', type: 'application/json' });
    expect(receiver.received[1]!.body).toBe(readFileSync(join(out, 'kaudit-test-latest.json'), 'utf8'));
    expect(run.err).toContain(`kaudit: report posted to ${receiver.url} (HTTP 201, attempt 2)\n`);
    expect(JSON.parse(run.out).posted).toBe('ok');
    expect(run.err + run.out).not.toContain('post-secret-token');
  });

  it('a failed delivery is one line, keeps the report and the scan exit code', async () => {
    receiver.received = [];
    receiver.plan = [500];
    const out = join(dir, 'failed');
    const run = await scan(out, '--post-url', receiver.url, '--post-ca', receiver.caFile, '--post-retries', '1');
    expect(run.code).toBe(0);
    expect(receiver.received).toHaveLength(2);
    const file = JSON.parse(run.out).report as string;
    expect(run.err).toContain(
      `kaudit: --post-url ${receiver.url}: delivery failed after 2 attempts (HTTP 500 Internal Server Error); the report is kept at ${file}\n`,
    );
    expect(validReport(readFileSync(file, 'utf8')).profiles).toEqual(['pss-baseline']);
    expect(JSON.parse(run.out).posted).toBe('failed');
  });

  it('verifies the receiver certificate: an unknown CA fails at once, without retries', async () => {
    receiver.received = [];
    receiver.plan = [201];
    const run = await scan(join(dir, 'untrusted'), '--post-url', receiver.url);
    expect(run.code).toBe(0);
    expect(receiver.received).toHaveLength(0);
    expect(run.err).toMatch(
      /kaudit: --post-url https:\/\/127\.0\.0\.1:\d+\/reports: delivery failed after 1 attempt \(TLS: [A-Z_]+\); the report is kept at .*kaudit-test-\d{8}T\d{6}Z\.json\n/,
    );
  });
});

describe('postReport', () => {
  it('a token file gone since the flags were checked is a failed delivery, never a throw', async () => {
    const { postReport } = await import('../../src/cli/post-report.js');
    const file = join(dir, 'token-gone.json');
    writeFileSync(file, '{}');
    const outcome = await postReport(file, { url: receiver.url, tokenFile: join(dir, 'rotated-away'), retries: 0 });
    expect(outcome).toEqual({ ok: false, attempts: 0, reason: `--post-token-file ${join(dir, 'rotated-away')}: no such file` });
  });
});

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

const scan = (out: string, ...more: string[]) => cli(['scan', '--kubeconfig', env.kubeconfig, '-b', 'pss-baseline', '--output-dir', out, ...more]);

describe('scan --output-dir', () => {
  it('keeps a timestamped report and a latest copy, removes all but the --keep newest, and prints one JSON line', async () => {
    const out = join(dir, 'kept');
    mkdirSync(out);
    for (const old of ['kaudit-20250101T000000Z.json', 'kaudit-20250201T000000Z.json', 'kaudit-20250301T000000Z.json', 'kaudit-other-20240101T000000Z.json', 'notes.json']) writeFileSync(join(out, old), '{}');
    const run = await scan(out, '--keep', '2');
    expect(run.code).toBe(0);
    const files = readdirSync(out).sort();
    // Older runs named kaudit-<time>.json and this run's kaudit-<context>-<time>.json count together for --keep.
    const stamped = files.filter((f) => /^kaudit-(?:test-)?\d{8}T\d{6}Z\.json$/.test(f));
    expect(stamped).toHaveLength(2);
    expect(stamped[0]).toBe('kaudit-20250301T000000Z.json');
    expect(stamped[1]).toMatch(/^kaudit-test-\d{8}T\d{6}Z\.json$/);
    // Another context's report in the same folder is not this context's to prune.
    expect(files).toEqual(['kaudit-20250301T000000Z.json', 'kaudit-latest.json', 'kaudit-other-20240101T000000Z.json', stamped[1], 'notes.json']);
    const report = validReport(readFileSync(join(out, 'kaudit-latest.json'), 'utf8'));
    expect(readFileSync(join(out, stamped[1]), 'utf8')).toBe(readFileSync(join(out, 'kaudit-latest.json'), 'utf8'));
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
      report: join(out, stamped[1]),
      latest: join(out, 'kaudit-latest.json'),
    });
    expect(run.err).toContain('kaudit: --keep 2: removed 2 older json reports\n');
  });

  it('bad combinations are one line and exit 2 before scanning', async () => {
    const out = join(dir, 'bad');
    expect(await cli(['scan', '--kubeconfig', env.kubeconfig, '--keep', '2'])).toEqual({ code: 2, out: '', err: 'kaudit: --keep needs --output-dir\n' });
    expect(await scan(out, '-o', join(dir, 'r.json'))).toEqual({ code: 2, out: '', err: 'kaudit: -o/--output and --output-dir cannot be combined: choose one\n' });
    expect(await cli(['scan', '--kubeconfig', env.kubeconfig, '--post-url', receiver.url])).toEqual({ code: 2, out: '', err: 'kaudit: --post-url needs --output-dir: the report is kept there before it is sent, so a failed delivery loses nothing\n' });
    expect(await scan(out, '--post-url', 'http://collector.example/reports')).toEqual({ code: 2, out: '', err: "kaudit: --post-url http://collector.example/reports: only https:// is allowed (the report describes the cluster's weaknesses)\n" });
    // Without json among the formats there is nothing to send: refused before the scan writes anything.
    expect(await scan(out, '-f', 'sarif', '-f', 'html', '--post-url', receiver.url, '--post-ca', receiver.caFile)).toEqual({ code: 2, out: '', err: 'kaudit: --post-url sends the JSON report: add -f json to the formats written to --output-dir\n' });
    expect(await scan(out, '--post-url', receiver.url, '--post-token-file', join(dir, 'missing'))).toEqual({ code: 2, out: '', err: `kaudit: --post-token-file ${join(dir, 'missing')}: no such file\n` });
    expect(existsSync(out)).toBe(false);
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
    expect(receiver.received[1].body).toBe(readFileSync(join(out, 'kaudit-latest.json'), 'utf8'));
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
    expect(run.err).toContain(`kaudit: --post-url ${receiver.url}: delivery failed after 2 attempts (HTTP 500 Internal Server Error); the report is kept at ${file}\n`);
    expect(validReport(readFileSync(file, 'utf8')).profiles).toEqual(['pss-baseline']);
    expect(JSON.parse(run.out).posted).toBe('failed');
  });

  it('verifies the receiver certificate: an unknown CA fails at once, without retries', async () => {
    receiver.received = [];
    receiver.plan = [201];
    const run = await scan(join(dir, 'untrusted'), '--post-url', receiver.url);
    expect(run.code).toBe(0);
    expect(receiver.received).toHaveLength(0);
    expect(run.err).toMatch(/kaudit: --post-url https:\/\/127\.0\.0\.1:\d+\/reports: delivery failed after 1 attempt \(TLS: [A-Z_]+\); the report is kept at .*kaudit-test-\d{8}T\d{6}Z\.json\n/);
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

/**
 * Who the scan ran as: a live scan asks the API server (SelfSubjectReview) and the report keeps the
 * user name and groups, never a token; a refusal or a server without the API is "unknown" with the
 * reason and the scan goes on; offline scans have no identity. The loopback server answers
 * SelfSubjectReview for the user its token stands for, so `kubectl auth whoami` works against it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ScanResult } from '../../src/core/result.js';
import { inventoryFromManifests } from '../../src/offline/manifests.js';
import { cli, live, type Live } from '../support/live.js';
import { validReport } from '../support/schema.js';

const MANIFESTS = `apiVersion: v1
kind: Namespace
metadata: {name: shop}
`;
const inventory = () => inventoryFromManifests([{ name: 'm.yaml', text: MANIFESTS }]).inventory;
const ALICE = { username: 'alice@example.com', groups: ['auditors', 'system:authenticated'] };
const CHECKS = ['--checks', 'netpol-namespace-coverage'];

let server: Live;
beforeAll(async () => {
  server = await live({ inventory: inventory(), user: ALICE, token: 'tok-0123456789abcdef' }, 'prod');
});
afterAll(() => server.close());

async function scan(kubeconfig: string, ...extra: string[]): Promise<ScanResult> {
  const run = await cli(['scan', '--kubeconfig', kubeconfig, ...CHECKS, '-f', 'json', ...extra]);
  expect(run.code).toBe(0);
  return validReport<ScanResult>(run.out);
}

describe('the identity the scan ran as', () => {
  it('is the user the kubeconfig authenticates, in JSON, the HTML cover, the terminal summary and markdown; never the token', async () => {
    const report = await scan(server.kubeconfig);
    expect(report.scan.identity).toEqual({ status: 'known', ...ALICE });
    // A live finding is located at its resource: no file to point at.
    expect(report.controls.flatMap((c) => c.findings).map((f) => [f.resource.name, f.source])).toEqual([['shop', undefined]]);
    expect(server.server.requests.filter((r) => r.method === 'POST').map((r) => [r.path, r.status])).toEqual([
      ['/apis/authentication.k8s.io/v1/selfsubjectreviews', 201],
    ]);
    const html = (await cli(['scan', '--kubeconfig', server.kubeconfig, ...CHECKS, '-f', 'html'])).out;
    expect(html).toContain('<div><dt>Scanned as</dt><dd>alice@example.com (groups: auditors, system:authenticated)</dd></div>');
    expect(html).toContain('<div><dt>Pod Security Standards version</dt><dd>latest (v1.37)</dd></div>');
    const table = (
      await cli(['scan', '--kubeconfig', server.kubeconfig, ...CHECKS, '-f', 'table'], { isTTY: true, columns: 120 })
    ).out.split('\n');
    expect(table[1]).toBe('Scanned as alice@example.com (groups: auditors, system:authenticated) · PSS latest (v1.37)');
    const markdown = (await cli(['scan', '--kubeconfig', server.kubeconfig, ...CHECKS, '-f', 'markdown'])).out;
    expect(markdown).toContain('  \nScanned as alice@example.com (groups: auditors, system:authenticated) · PSS latest (v1.37)\n');
    for (const out of [JSON.stringify(report), html, table.join('\n'), markdown]) expect(out).not.toContain('tok-0123456789abcdef');
  });

  it('records the --pss-version asked for and the version it evaluates as', async () => {
    expect((await scan(server.kubeconfig, '--pss-version', 'v1.30')).scan.pssVersion).toEqual({ requested: 'v1.30', evaluatedAs: 'v1.30' });
    expect((await scan(server.kubeconfig, '--pss-version', '1.99')).scan.pssVersion).toEqual({ requested: 'v1.99', evaluatedAs: 'v1.37' });
  });

  it('is unknown with the reason when the server refuses it; the scan still runs', async () => {
    const refused = await live({ inventory: inventory(), forbidden: [{ resource: 'selfsubjectreviews' }] });
    try {
      const report = await scan(refused.kubeconfig);
      expect(report.scan.identity).toEqual({
        status: 'unknown',
        reason: 'the credentials may not create a SelfSubjectReview (403 Forbidden)',
      });
      expect(report.controls.map((c) => c.status)).toEqual(['fail']);
    } finally {
      await refused.close();
    }
  });

  it('is unknown when the server serves no SelfSubjectReview (before Kubernetes 1.27): v1, then v1beta1, asked once each', async () => {
    const old = await live({ inventory: inventory() });
    old.server.addFault({ path: 'selfsubjectreviews', type: '404', times: Infinity });
    try {
      const report = await scan(old.kubeconfig);
      expect(report.scan.identity).toEqual({
        status: 'unknown',
        reason: 'the API server does not serve SelfSubjectReview (authentication.k8s.io v1 or v1beta1: Kubernetes 1.27 and later)',
      });
      expect(old.server.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual([
        '/apis/authentication.k8s.io/v1/selfsubjectreviews',
        '/apis/authentication.k8s.io/v1beta1/selfsubjectreviews',
      ]);
    } finally {
      await old.close();
    }
  });

  it('is "offline" for manifests and snapshots', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaudit-identity-'));
    try {
      const file = join(dir, 'm.yaml');
      writeFileSync(file, MANIFESTS);
      const run = await cli(['scan', '--manifests', file, ...CHECKS, '-f', 'json']);
      expect(validReport<ScanResult>(run.out).scan.identity).toEqual({ status: 'offline' });
      const snapshot = join(dir, 'snap.json');
      expect((await cli(['snapshot', '--kubeconfig', server.kubeconfig, '-o', snapshot])).code).toBe(0);
      const fromSnapshot = await cli(['scan', '--snapshot', snapshot, ...CHECKS, '-f', 'json']);
      expect(validReport<ScanResult>(fromSnapshot.out).scan.identity).toEqual({ status: 'offline' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const kubectl = '/usr/bin/kubectl';
  // The server runs in this process: kubectl is run without blocking it.
  (existsSync(kubectl) ? it : it.skip)('kubectl auth whoami works against the loopback server', async () => {
    const { stdout } = await promisify(execFile)(kubectl, ['--kubeconfig', server.kubeconfig, 'auth', 'whoami', '-o', 'json'], {
      encoding: 'utf8',
    });
    const out = JSON.parse(stdout) as { kind: string; status: { userInfo: unknown } };
    expect(out.kind).toBe('SelfSubjectReview');
    expect(out.status.userInfo).toEqual(ALICE);
  });
});

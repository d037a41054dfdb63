/**
 * Snapshots written by an earlier format still load. test/fixtures/snapshots/previous-format.json was
 * written by `kaudit snapshot` before PersistentVolumeClaims joined the resource table (it has no
 * `persistentVolumeClaims` list and does not name it in `collected`); keep it as it is. A kind or list
 * added later is absent from such a file and reads as never collected, so its checks are
 * not-assessed, never passed; a file that names a key in `collected` but lacks its list is malformed.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiServer } from '../../src/apiserver/index.js';
import { packageRoot } from '../../src/io/package-root.js';
import type { ScanResult } from '../../src/core/result.js';
import { RESOURCE_KEYS } from '../../src/core/resources.js';
import { readSnapshot } from '../../src/offline/snapshot.js';
import { Client } from '../apiserver/helpers.js';
import { cli } from '../support/live.js';
import { validReport } from '../support/schema.js';

const OLD = join(packageRoot(), 'test', 'fixtures', 'snapshots', 'previous-format.json');

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('a snapshot of the previous format', () => {
  it('is what an earlier kaudit wrote: no persistentVolumeClaims list, and not collected', () => {
    const raw = JSON.parse(readFileSync(OLD, 'utf8')) as Record<string, unknown> & { collected: string[] };
    expect(raw.inventoryVersion).toBe(1);
    expect('persistentVolumeClaims' in raw).toBe(false);
    expect(raw.collected).not.toContain('persistentVolumeClaims');
  });

  it('loads: the kinds it lacks are empty and never collected, the rest as written', () => {
    const inv = readSnapshot(OLD);
    expect(inv.persistentVolumeClaims).toEqual([]);
    expect(inv.collected).not.toContain('persistentVolumeClaims');
    expect(inv.deployments.map((d) => `${d.metadata.namespace}/${d.metadata.name}`)).toEqual(['shop/web']);
    expect(inv.clusterRoleBindings.map((b) => b.metadata.name)).toEqual(['shop-admin']);
    expect(inv.source).toMatchObject({ type: 'snapshot', inputs: [OLD] });
  });

  it('is scanned and served like a new one', async () => {
    const run = await cli(['scan', '--snapshot', OLD, '-f', 'json']);
    expect(run.code).toBe(0);
    const report = validReport<ScanResult>(run.out);
    const c522 = report.controls.find((c) => c.id === '5.2.2');
    expect(c522?.findings.map((f) => `${f.checkId} ${f.resource.kind}/${f.resource.namespace ?? ''}/${f.resource.name}`)).toEqual([
      'pss-privileged Deployment/shop/web',
    ]);
    expect(report.controls.find((c) => c.id === '5.1.1')?.findings.map((f) => f.resource.name)).toEqual(['shop-admin']);

    const server = await startApiServer({ inventory: readSnapshot(OLD) });
    const client = new Client(server);
    try {
      const claims = await client.get('/api/v1/namespaces/shop/persistentvolumeclaims');
      expect([claims.status, claims.body.kind, claims.body.items]).toEqual([200, 'PersistentVolumeClaimList', []]);
      expect((await client.get('/apis/apps/v1/namespaces/shop/deployments/web')).body.metadata.name).toBe('web');
    } finally {
      await client.close();
      await server.close();
    }
  });
});

describe('snapshots missing what later formats added', () => {
  const current = (): Record<string, unknown> & { collected: string[] } =>
    JSON.parse(readFileSync(OLD, 'utf8')) as Record<string, unknown> & { collected: string[] };
  const write = (snapshot: unknown): string => {
    dir ??= mkdtempSync(join(tmpdir(), 'kaudit-compat-'));
    const file = join(dir, 's.json');
    writeFileSync(file, JSON.stringify(snapshot));
    return file;
  };

  it.each(RESOURCE_KEYS.map((k) => [k]))('without %s (and not collected): loads, never collected', (key) => {
    const snapshot = current();
    delete snapshot[key];
    snapshot.collected = snapshot.collected.filter((k) => k !== key);
    const inv = readSnapshot(write(snapshot));
    expect(inv[key]).toEqual([]);
    expect(inv.collected).not.toContain(key);
  });

  it('without node reports or served kinds (older still): loads with none', () => {
    const snapshot = current();
    delete snapshot.nodeReports;
    delete snapshot.served;
    const inv = readSnapshot(write(snapshot));
    expect([inv.nodeReports, inv.served]).toEqual([[], {}]);
  });

  it('Gatekeeper constraints that "collected" names but the file lacks: malformed, not "none"', () => {
    const snapshot = current();
    snapshot.collected = [...snapshot.collected, 'gatekeeperConstraints'];
    delete snapshot.gatekeeperConstraints;
    const file = write(snapshot);
    expect(() => readSnapshot(file)).toThrow(`snapshot ${file}: "gatekeeperConstraints" is missing, yet "collected" names it`);
  });

  it('a list that "collected" names but the file lacks is malformed: exit 2, one line', async () => {
    const snapshot = current();
    delete snapshot.pods;
    const file = write(snapshot);
    expect(() => readSnapshot(file)).toThrow(`snapshot ${file}: "pods" is missing, yet "collected" names it`);
    expect(await cli(['scan', '--snapshot', file])).toEqual({
      code: 2,
      out: '',
      err: `kaudit: snapshot ${file}: "pods" is missing, yet "collected" names it\n`,
    });
  });
});

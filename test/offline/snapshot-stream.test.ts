/**
 * Snapshots are written and read as streams: the file is the same text as JSON.stringify of the
 * Inventory (so earlier snapshots load), a round trip gives the same Inventory and the same scan,
 * and a truncated or malformed file is exit 2 with one line naming the file and the entry.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyInventory, type Inventory } from '../../src/core/inventory.js';
import { demoInventory } from '../../src/demo/inventory.js';
import { readSnapshot, snapshotChunks, writeSnapshot } from '../../src/offline/snapshot.js';
import { cli, live, type Live } from '../support/live.js';
import { validReport } from '../support/schema.js';

let dir: string;
let env: Live;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kaudit-snapstream-'));
  env = await live({ inventory: demoInventory() });
});
afterAll(async () => {
  await env.close();
  rmSync(dir, { recursive: true, force: true });
});

const controls = (out: string) => validReport<{ controls: unknown[] }>(out).controls;

describe('snapshot round trip', () => {
  it('writes the text JSON.stringify would, one object per chunk, and reads back the same Inventory', async () => {
    const inv = demoInventory();
    const file = join(dir, 'demo.json');
    await writeSnapshot(file, inv);
    expect(readFileSync(file, 'utf8')).toBe(JSON.stringify(inv) + '\n');
    // No chunk holds two objects: the largest is the largest single entry of a list.
    const largest = Math.max(...[...snapshotChunks(inv)].map((c) => c.length));
    const entries = [
      ...inv.pods,
      ...inv.deployments,
      ...inv.clusterRoles,
      ...inv.configMaps,
      ...inv.nodes,
      ...inv.kubelets,
      ...inv.controlPlane,
      ...inv.nodeReports,
    ];
    expect(largest).toBe(Math.max(...entries.map((o) => JSON.stringify(o).length)));
    const back = readSnapshot(file);
    expect(back).toEqual({ ...JSON.parse(JSON.stringify(inv)), source: { ...inv.source, type: 'snapshot', inputs: [file] } });
  });

  it('scans a snapshot taken through `kaudit snapshot` exactly as the live cluster it came from', async () => {
    const file = join(dir, 'live.json');
    const snap = await cli(['snapshot', '--kubeconfig', env.kubeconfig, '-o', file]);
    expect(snap.code).toBe(0);
    expect(snap.err).toMatch(new RegExp(`^kaudit: snapshot of \\d+ entries written to ${file}\\n$`));
    const args = ['-b', 'cis-1.12,pss-restricted'];
    const fromLive = await cli(['scan', '--kubeconfig', env.kubeconfig, ...args]);
    const fromSnap = await cli(['scan', '--snapshot', file, ...args]);
    expect(fromSnap.code).toBe(0);
    expect(controls(fromSnap.out)).toEqual(controls(fromLive.out));
    expect(controls(fromSnap.out).length).toBeGreaterThan(100);
  });
});

describe('bad snapshots', () => {
  const good = (): Inventory => {
    const inv = emptyInventory({ type: 'live', collectedAt: 'now' });
    inv.pods.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'a', namespace: 'x' },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    });
    inv.pods.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'b', namespace: 'x' },
      spec: { containers: [{ name: 'c', image: 'nginx', env: [{ name: 'DB_PASSWORD', value: 'hunter2-Zx81q-secret' }] }] },
    });
    return inv;
  };
  const scanSnapshot = async (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return { file, run: await cli(['scan', '--snapshot', file]) };
  };

  it('sanitizes every object again as it is read', () => {
    const file = join(dir, 'tampered.json');
    writeFileSync(file, JSON.stringify(good()));
    expect(JSON.stringify(readSnapshot(file))).not.toContain('hunter2');
  });

  it('reports a truncated file with the entry it ends in', async () => {
    const text = JSON.stringify(good());
    const cut = text.indexOf('"name":"b"');
    const { file, run } = await scanSnapshot('truncated.json', text.slice(0, cut));
    expect(run).toEqual({ code: 2, out: '', err: `kaudit: snapshot ${file}: truncated: the file ends at byte ${cut} in pods[1]\n` });
  });

  it('reports malformed JSON with the byte and the entry, without quoting it', async () => {
    const text = JSON.stringify(good());
    const second = text.indexOf('{"apiVersion":"v1","kind":"Pod","metadata":{"name":"b"');
    const missingComma = text.slice(0, second - 1) + ' ' + text.slice(second);
    const a = await scanSnapshot('comma.json', missingComma);
    expect(a.run).toEqual({
      code: 2,
      out: '',
      err: `kaudit: snapshot ${a.file}: not valid JSON at byte ${second} in pods[0] (expected ',' or ']')\n`,
    });
    const broken = text.replace('"value":"hunter2', '"value" "hunter2');
    const b = await scanSnapshot('broken.json', broken);
    expect(b.run.code).toBe(2);
    expect(b.run.err).toMatch(new RegExp(`^kaudit: snapshot ${b.file}: not valid JSON at byte ${second} in pods\\[1\\] \\([^\\n]+\\)\\n$`));
    expect(b.run.err).not.toContain('hunter2');
  });

  it('rejects a report or any other JSON given as a snapshot', async () => {
    const report = join(dir, 'report.json');
    writeFileSync(report, JSON.stringify({ reportVersion: 1, controls: [] }));
    expect(await cli(['scan', '--snapshot', report])).toEqual({
      code: 2,
      out: '',
      err: `kaudit: snapshot ${report}: not a kaudit snapshot of version 1 (inventoryVersion is undefined)\n`,
    });
    const old = await scanSnapshot('v2.json', JSON.stringify({ ...good(), inventoryVersion: 2 }));
    expect(old.run).toEqual({
      code: 2,
      out: '',
      err: `kaudit: snapshot ${old.file}: not a kaudit snapshot of version 1 (inventoryVersion is 2)\n`,
    });
    const list = await scanSnapshot('list.json', '[1, 2]');
    expect(list.run).toEqual({
      code: 2,
      out: '',
      err: `kaudit: snapshot ${list.file}: not a kaudit snapshot of version 1 (inventoryVersion is undefined)\n`,
    });
  });
});

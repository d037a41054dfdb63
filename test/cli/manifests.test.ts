/**
 * --manifests through the real CLI: bad input is exit 2 with one line in bounded memory, and a
 * JSON List larger than the per-document limit is read item by item.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/io/package-root.js';
import { cli } from '../support/live.js';
import { validReport } from '../support/schema.js';

const bin = join(packageRoot(), 'bin', 'kaudit.js');
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('--manifests refuses bad input with exit 2 and one line', () => {
  it('alias bombs, undefined aliases and oversized documents', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kaudit-bad-'));
    const levels = 'abcdefghi'.split('');
    const bomb = file(
      'bomb.yaml',
      levels
        .map(
          (l, i) =>
            `${l}: &${l} [${Array(9)
              .fill(i ? `*${levels[i - 1]}` : '"lol"')
              .join(',')}]`,
        )
        .join('\n') + '\n',
    );
    expect(await cli(['scan', '--manifests', bomb])).toEqual({
      code: 2,
      out: '',
      err: `kaudit: manifests ${bomb} document 1: not valid YAML (Excessive alias count indicates a resource exhaustion attack)\n`,
    });
    const undefinedAlias = file('alias.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: *nope}\n');
    expect(await cli(['scan', '--manifests', undefinedAlias])).toEqual({
      code: 2,
      out: '',
      err: `kaudit: manifests ${undefinedAlias} document 1: not valid YAML (Unresolved alias (the anchor must be set before the alias): nope)\n`,
    });
    // One document of 33 MiB on one line: refused once 32 MiB are read, before any parsing.
    const big = file(
      'big.yaml',
      `apiVersion: v1\nkind: Namespace\nmetadata: {name: ok}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata: {blob: "${'x'.repeat(33 * 1024 * 1024)}"}\n`,
    );
    expect(await cli(['scan', '--manifests', big])).toEqual({
      code: 2,
      out: '',
      err: `kaudit: manifests ${big} document 2: larger than 32 MiB, the limit for one document (a large List: use kubectl get -o json)\n`,
    });
  });

  it('devices and FIFOs, at once; endless stdin once the limit is read', () => {
    dir = mkdtempSync(join(tmpdir(), 'kaudit-dev-'));
    const run = (args: string[], stdin: 'ignore' | number = 'ignore') =>
      spawnSync(process.execPath, [bin, 'scan', ...args], { stdio: [stdin, 'pipe', 'pipe'], encoding: 'utf8', timeout: 30_000 });
    const zero = run(['--manifests', '/dev/zero']);
    expect([zero.status, zero.stdout, zero.stderr]).toEqual([
      2,
      '',
      'kaudit: manifests /dev/zero: not a regular file (a character device); pipe other input to --manifests -\n',
    ]);
    const fifo = join(dir, 'in.yaml');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const fromFifo = run(['--manifests', fifo]);
    expect([fromFifo.status, fromFifo.stderr]).toEqual([
      2,
      `kaudit: manifests ${fifo}: not a regular file (a FIFO); pipe other input to --manifests -\n`,
    ]);
    // The FIFO inside a directory is refused too, by name.
    const inDir = run(['--manifests', dir]);
    expect([inDir.status, inDir.stderr]).toEqual([
      2,
      `kaudit: manifests ${fifo}: not a regular file (a FIFO); pipe other input to --manifests -\n`,
    ]);
    const fd = openSync('/dev/zero', 'r');
    try {
      const endless = run(['--manifests', '-'], fd);
      expect([endless.status, endless.stdout, endless.stderr]).toEqual([
        2,
        '',
        'kaudit: manifests <stdin> document 1: larger than 32 MiB, the limit for one document (a large List: use kubectl get -o json)\n',
      ]);
    } finally {
      closeSync(fd);
    }
  });
});

describe('--manifests reads JSON Lists item by item', () => {
  it('scans a 40 MB `kubectl get -o json` List (kind after items), each item within the limit', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kaudit-list-'));
    const items = [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
      ...Array.from({ length: 40 }, (_, i) => ({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `blob-${i}`, namespace: 'shop' },
        data: { blob: 'x'.repeat(1024 * 1024) },
      })),
    ];
    const list = file(
      'all.json',
      `{\n    "apiVersion": "v1",\n    "items": [\n${items.map((i) => JSON.stringify(i, null, 4)).join(',\n')}\n    ],\n    "kind": "List",\n    "metadata": {"resourceVersion": ""}\n}\n`,
    );
    const run = await cli(['scan', '--manifests', list, '--checks', 'netpol-namespace-coverage']);
    expect(run.code).toBe(0);
    const report = validReport<{ controls: { id: string; status: string; findings: { resource: { name: string } }[] }[] }>(run.out);
    expect(report.controls.map((c) => [c.id, c.status, c.findings.map((f) => f.resource.name)])).toEqual([['5.3.2', 'fail', ['shop']]]);
  });

  it('names the item whose shape is wrong', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kaudit-list-'));
    const list = file(
      'pods.json',
      JSON.stringify({
        apiVersion: 'v1',
        items: [
          { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } },
          { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: 'x' } },
        ],
        kind: 'List',
      }),
    );
    expect(await cli(['scan', '--manifests', list])).toEqual({
      code: 2,
      out: '',
      err: `kaudit: manifests ${list} document 1 item 2: Pod p: spec.containers must be a list\n`,
    });
  });
});

import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/live.js';

const dir = mkdtempSync(join(tmpdir(), 'kaudit-report-'));
const manifests = join(dir, 'm.yaml');
writeFileSync(manifests, 'apiVersion: v1\nkind: Namespace\nmetadata: {name: legacy}\n');

const TRUNCATED =
  '{"reportVersion": 1, "tool": {"name": "kaudit"}, "controls": [{"id": "5.1.1", "findings": [{"checkId": "a"}, {"checkId": "b", "message": "Service';

describe('kaudit report', () => {
  it('renders a saved JSON report as HTML or a table, without the cluster', async () => {
    const json = join(dir, 'r.json');
    expect((await cli(['scan', '--manifests', manifests, '--checks', 'netpol-namespace-coverage', '-o', json])).code).toBe(0);
    const html = join(dir, 'r.html');
    const run = await cli(['report', json, '-o', html]);
    expect(run).toEqual({ code: 0, out: '', err: `kaudit: report written to ${html}\n` });
    expect(readFileSync(html, 'utf8')).toContain('namespace legacy has no NetworkPolicy');
    const table = await cli(['report', json, '-f', 'table']);
    expect(table.out).toContain('namespace legacy has no NetworkPolicy');
    const again = await cli(['report', json, '-f', 'json']);
    expect(JSON.parse(again.out)).toEqual(JSON.parse(readFileSync(json, 'utf8')));
  });

  it.each([
    ['missing.json', null, (f: string) => `kaudit: report ${f}: no such file\n`],
    ['bad.json', '{nope', (f: string) => `kaudit: report ${f}: not valid JSON at byte 1 (expected a property name)\n`],
    [
      'old.json',
      '{"reportVersion": 0}',
      (f: string) => `kaudit: report ${f}: not a kaudit JSON report of version 1 (reportVersion is 0)\n`,
    ],
    [
      'partial.json',
      '{"reportVersion": 1, "tool": {"name": "kaudit", "version": "x"}}',
      (f: string) => `kaudit: report ${f}: does not match the report schema at /: must have required property 'scan'\n`,
    ],
    [
      'snapshot.json',
      '{"inventoryVersion": 1, "pods": []}',
      (f: string) => `kaudit: report ${f}: not a kaudit JSON report of version 1 (reportVersion is undefined)\n`,
    ],
    [
      'truncated.json',
      TRUNCATED,
      (f: string) => `kaudit: report ${f}: truncated: the file ends at byte ${Buffer.byteLength(TRUNCATED)} in controls[0].findings[1]\n`,
    ],
    [
      'comma.json',
      '{"reportVersion": 1, "controls": [{"findings": [{"checkId": "a"} {"checkId": "b"}]}]}',
      (f: string) => `kaudit: report ${f}: not valid JSON at byte 65 in controls[0].findings[0] (expected ',' or ']')\n`,
    ],
  ])('rejects %s with exit 2 and one line', async (name, text, err) => {
    const file = join(dir, name);
    if (text !== null) writeFileSync(file, text);
    expect(await cli(['report', file])).toEqual({ code: 2, out: '', err: err(file) });
  });
});

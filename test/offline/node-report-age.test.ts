/**
 * --node-report-max-age ages every source of node reports, not only the agents' logs: --node-report
 * files, NodeReport documents among --manifests and the reports inside a snapshot. A report older
 * than the maximum (at --as-of when given, else now) leaves its node without a report: a coverage
 * entry names it and its controls are not-assessed, never passed. --as-of reproduces a report.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ControlResult, ScanResult } from '../../src/core/result.js';
import { cli } from '../support/live.js';
import { controlPlaneReport } from '../support/node-reports.js';

const COLLECTED = '2026-12-01T00:00:00.000Z';
const NODE = 'apiVersion: v1\nkind: Node\nmetadata:\n  name: cp-1\n  labels: {node-role.kubernetes.io/control-plane: ""}\n';
const STALE = `its node report is from ${COLLECTED}, older than --node-report-max-age (24h)`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kaudit-age-'));
  writeFileSync(join(dir, 'nodes.yaml'), NODE);
  writeFileSync(join(dir, 'cp-1.json'), JSON.stringify(controlPlaneReport()));
  writeFileSync(join(dir, 'with-report.yaml'), `${NODE}---\n${JSON.stringify(controlPlaneReport())}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function scan(args: string[]): Promise<{ code: number; err: string; report: ScanResult; control: (id: string) => ControlResult }> {
  const run = await cli(['scan', '--benchmark', 'cis-1.12', '--checks', 'node-apiserver-manifest-mode', '-f', 'json', ...args]);
  const report = JSON.parse(run.out) as ScanResult;
  return { code: run.code, err: run.err, report, control: (id) => report.controls.find((c) => c.id === id)! };
}

describe('--node-report-max-age for every source', () => {
  const sources: [string, () => string[]][] = [
    ['--node-report files', () => ['--manifests', join(dir, 'nodes.yaml'), '--node-report', join(dir, 'cp-1.json')]],
    ['NodeReport documents in --manifests', () => ['--manifests', join(dir, 'with-report.yaml')]],
    ["a snapshot's reports", () => ['--snapshot', join(dir, 'snap.json')]],
  ];

  beforeAll(async () => {
    // The snapshot keeps the report as it was (written with a window wide enough to keep it).
    const snap = await cli([
      'snapshot',
      '--manifests',
      join(dir, 'nodes.yaml'),
      '--node-report',
      join(dir, 'cp-1.json'),
      '--node-report-max-age',
      '3650d',
      '-o',
      join(dir, 'snap.json'),
    ]);
    expect(snap.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'snap.json'), 'utf8')).nodeReports.map((r: { node: string }) => r.node)).toEqual(['cp-1']);
  });

  for (const [name, args] of sources) {
    it(`${name}: a stale report leaves its node not-assessed, named in the coverage`, async () => {
      const { report, control } = await scan(args());
      expect(report.coverage).toEqual([{ key: 'nodeReports', kind: 'Node', node: 'cp-1', status: null, reason: STALE }]);
      expect(control('1.1.1')).toMatchObject({ status: 'not-assessed', reason: `node cp-1: ${STALE}` });
    });

    it(`${name}: judged within --as-of's day or a wider --node-report-max-age`, async () => {
      const asOf = await scan([...args(), '--as-of', '2026-12-01']);
      expect(asOf.report.coverage).toEqual([]);
      expect(asOf.control('1.1.1').status).toBe('pass');
      const wider = await scan([...args(), '--node-report-max-age', '3650d']);
      expect(wider.control('1.1.1').status).toBe('pass');
      // The day after, 24 hours have passed: stale again, reproducibly.
      const later = await scan([...args(), '--as-of', '2026-12-02']);
      expect(later.control('1.1.1')).toMatchObject({ status: 'not-assessed', reason: `node cp-1: ${STALE}` });
    });
  }

  it('a report dated after --as-of (beyond the clock skew) is not trusted', async () => {
    const { control } = await scan([...sources[0]![1](), '--as-of', '2026-11-29']);
    expect(control('1.1.1')).toMatchObject({
      status: 'not-assessed',
      reason: `node cp-1: its node report has an unusable time (${COLLECTED})`,
    });
  });
});

/**
 * Report output through the installed entry point: a reader that closes stdout early
 * (`kaudit scan | head -c 100`) is not an error: kaudit stops writing and exits with the scan's
 * code, with the summary line and no stack on stderr.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/io/package-root.js';

const bin = join(packageRoot(), 'bin', 'kaudit.js');
const demo = join(packageRoot(), 'src', 'demo', 'cluster');
const SUMMARY = /^kaudit: 147 controls \(cis-1\.12, pss-restricted\): \d+ pass, \d+ fail, \d+ manual, \d+ not-assessed; score [\d.]+\n/;
/** With --fail-on tripped, one more line names the controls that tripped it. */
const TRIPPED =
  /^kaudit: --fail-on high: exit 1 because of 21 controls: cis-1\.12 1\.2\.1 \(high\), cis-1\.12 1\.2\.5 \(high\), cis-1\.12 1\.2\.27 \(high\), cis-1\.12 2\.5 \(high\), cis-1\.12 4\.2\.1 \(high\), … and 16 more$/;

/** `kaudit ARGS | head -c 100` in bash; kaudit's exit code, stderr and what head printed. */
function piped(args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'kaudit-pipe-'));
  const quoted = [process.execPath, bin, ...args].map((a) => `'${a}'`).join(' ');
  const run = spawnSync('bash', ['-c', `${quoted} 2>"${dir}/err" | head -c 100; exit \${PIPESTATUS[0]}`]);
  return { code: run.status, head: run.stdout, err: readFileSync(join(dir, 'err'), 'utf8') };
}

describe('stdout closed by the reader', () => {
  it.each([
    ['json', [], 0],
    ['html', ['--fail-on', 'high'], 1],
    ['table', [], 0],
    ['wide', ['--fail-on', 'high'], 1],
    ['sarif', [], 0],
    ['csv', [], 0],
    ['yaml', [], 0],
  ] as const)('%s: exits with the scan code and only the summary on stderr', (format, extra, code) => {
    const run = piped(['scan', '--manifests', demo, '-b', 'cis-1.12,pss-restricted', '-f', format, ...extra]);
    expect(run.head).toHaveLength(100);
    const lines = run.err.trimEnd().split('\n');
    expect(lines[0] + '\n').toMatch(SUMMARY);
    expect(lines.slice(1)).toEqual(code ? [expect.stringMatching(TRIPPED)] : []);
    expect(run.code).toBe(code);
  });

  it.each([['checks'], ['benchmarks'], ['checks', 'explain', 'rbac-create-pods'], ['--help']])(
    '`kaudit %s` too: exit 0, nothing on stderr',
    (...args) => {
      const run = piped(args);
      expect([run.code, run.err, run.head.length]).toEqual([0, '', 100]);
    },
  );

  it('`kaudit report` too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaudit-pipe-'));
    const json = join(dir, 'r.json');
    expect(spawnSync(process.execPath, [bin, 'scan', '--manifests', demo, '-b', 'cis-1.12,pss-restricted', '-o', json]).status).toBe(0);
    const run = piped(['report', json, '-f', 'json']);
    expect([run.code, run.err, run.head]).toEqual([0, '', readFileSync(json).subarray(0, 100)]);
  });
});

describe('a full disk', () => {
  const scan = ['scan', '--manifests', demo, '-b', 'cis-1.12', '-f', 'json'];
  it('is one line and exit 2, for stdout and for --output', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const run = spawnSync(process.execPath, [bin, ...scan], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
      expect([run.status, run.stderr]).toEqual([2, 'kaudit: stdout: cannot write (ENOSPC)\n']);
    } finally {
      closeSync(full);
    }
    const catalog = openSync('/dev/full', 'w');
    try {
      const run = spawnSync(process.execPath, [bin, 'checks'], { stdio: ['ignore', catalog, 'pipe'], encoding: 'utf8' });
      expect([run.status, run.stderr]).toEqual([2, 'kaudit: stdout: cannot write (ENOSPC)\n']);
    } finally {
      closeSync(catalog);
    }
    const run = spawnSync(process.execPath, [bin, ...scan, '-o', '/dev/full'], { encoding: 'utf8' });
    expect([run.status, run.stdout, run.stderr]).toEqual([2, '', 'kaudit: --output /dev/full: cannot write (ENOSPC)\n']);
  });
});

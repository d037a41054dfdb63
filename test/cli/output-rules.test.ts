/**
 * -f/--format, -o/--output and --output-dir, row by row as docs/cli.md#output states them, then
 * through the CLI: files by extension, -o json on stdout, several formats in one folder, HTML never
 * dumped onto a terminal.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveOutputs, type OutputRequest, type OutputTarget } from '../../src/cli/output-target.js';
import { cli } from '../support/live.js';

const demo = join(process.cwd(), 'src', 'demo', 'cluster');
type Row = [string, Omit<OutputRequest, 'stdoutIsTTY'> & { tty?: boolean }, OutputTarget[] | string];

const rows: Row[] = [
  ['nothing, on a terminal: the summary', { tty: true }, [{ format: 'table', to: 'stdout' }]],
  ['nothing, in a pipe: JSON', {}, [{ format: 'json', to: 'stdout' }]],
  ['nothing, in a pipe, for a command whose pipe default is HTML', { pipeDefault: 'html' }, [{ format: 'html', to: 'stdout' }]],
  ['-f sarif', { formats: ['sarif'] }, [{ format: 'sarif', to: 'stdout' }]],
  ['-o -: stdout', { output: '-', formats: ['csv'] }, [{ format: 'csv', to: 'stdout' }]],
  ['-o json: kubectl habit, JSON on stdout', { output: 'json', tty: true }, [{ format: 'json', to: 'stdout' }]],
  ['-o yaml', { output: 'yaml' }, [{ format: 'yaml', to: 'stdout' }]],
  ['-o wide', { output: 'wide', tty: true }, [{ format: 'wide', to: 'stdout' }]],
  ['-f json -o json agree', { formats: ['json'], output: 'json' }, [{ format: 'json', to: 'stdout' }]],
  [
    '-f csv -o json disagree',
    { formats: ['csv'], output: 'json' },
    '-f csv and -o json ask for two formats: -o takes a file path or one format name',
  ],
  ['-o r.html', { output: 'r.html' }, [{ format: 'html', to: 'file', file: 'r.html' }]],
  ['-o r.sarif', { output: 'out/r.sarif' }, [{ format: 'sarif', to: 'file', file: 'out/r.sarif' }]],
  [
    '-o r.sarif.json: SARIF, the longer extension wins',
    { output: 'r.sarif.json' },
    [{ format: 'sarif', to: 'file', file: 'r.sarif.json' }],
  ],
  ['-o r.xml: JUnit', { output: 'r.xml' }, [{ format: 'junit', to: 'file', file: 'r.xml' }]],
  ['-o r.csv', { output: 'r.csv' }, [{ format: 'csv', to: 'file', file: 'r.csv' }]],
  ['-o r.md', { output: 'r.md' }, [{ format: 'markdown', to: 'file', file: 'r.md' }]],
  ['-o r.yml', { output: 'r.yml' }, [{ format: 'yaml', to: 'file', file: 'r.yml' }]],
  ['-o r.prom', { output: 'r.prom' }, [{ format: 'prometheus', to: 'file', file: 'r.prom' }]],
  ['-o r.txt: the summary', { output: 'r.txt' }, [{ format: 'table', to: 'file', file: 'r.txt' }]],
  ['-o r.JSON: extensions in any case', { output: 'R.JSON' }, [{ format: 'json', to: 'file', file: 'R.JSON' }]],
  ['-f json -o report.out: -f decides', { formats: ['json'], output: 'report.out' }, [{ format: 'json', to: 'file', file: 'report.out' }]],
  [
    '-o report.out without -f',
    { output: 'report.out' },
    /^--output report\.out: cannot tell the format from the file name; add -f FORMAT/.source,
  ],
  ['-o ./json: a file named like a format', { output: './json', formats: ['json'] }, [{ format: 'json', to: 'file', file: './json' }]],
  [
    '-f json,sarif --output-dir d',
    { formats: ['json,sarif'], outputDir: 'd' },
    [
      { format: 'json', to: 'dir', dir: 'd' },
      { format: 'sarif', to: 'dir', dir: 'd' },
    ],
  ],
  [
    '-f json -f junit -f json --output-dir d: once each',
    { formats: ['json', 'junit', 'json'], outputDir: 'd' },
    [
      { format: 'json', to: 'dir', dir: 'd' },
      { format: 'junit', to: 'dir', dir: 'd' },
    ],
  ],
  ['--output-dir d alone: JSON', { outputDir: 'd' }, [{ format: 'json', to: 'dir', dir: 'd' }]],
  ['-o with --output-dir', { output: 'r.json', outputDir: 'd' }, /^--output and --output-dir cannot be combined/.source],
  ['two -f without --output-dir', { formats: ['json', 'html'] }, 'several formats (json, html) need --output-dir DIR: one file each'],
  [
    'an unknown -f',
    { formats: ['pdfx'] },
    /^--format: unknown format "pdfx" \(one of json, yaml, table, wide, html, junit, sarif, csv, markdown, prometheus/.source,
  ],
  [
    'HTML on a terminal goes to a file',
    { formats: ['html'], tty: true, terminalHtmlFile: 'r.html' },
    [{ format: 'html', to: 'file', file: 'r.html' }],
  ],
  [
    'HTML on a terminal, no name given: the timestamped name in .',
    { output: 'html', tty: true },
    [{ format: 'html', to: 'dir', dir: '.' }],
  ],
  ['HTML on a terminal with -o -: as asked', { formats: ['html'], output: '-', tty: true }, [{ format: 'html', to: 'stdout' }]],
  ['HTML in a pipe', { formats: ['html'] }, [{ format: 'html', to: 'stdout' }]],
];

describe('output rules', () => {
  it.each(rows)('%s', (_name, req, expected) => {
    const run = () => resolveOutputs({ ...req, stdoutIsTTY: req.tty === true });
    if (typeof expected === 'string')
      expect(run).toThrow(new RegExp(expected.replace(/[()]/g, (c) => (expected.startsWith('^') ? c : `\\${c}`))));
    else expect(run()).toEqual(expected);
  });
});

describe('through the CLI', () => {
  const scan = ['scan', '--manifests', demo, '-b', 'cis-1.12'];

  it('-o FILE picks the format from the extension and says where it went', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaudit-out-'));
    const run = await cli([...scan, '-o', join(dir, 'r.sarif')]);
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'r.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(run.out).toBe('');
    expect(run.err).toMatch(new RegExp(`; report written to ${join(dir, 'r.sarif')}\\n$`));
  });

  it('-o json writes JSON on stdout, never a file named json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaudit-out-'));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const run = await cli([...scan.slice(0, 2), join(cwd, 'src', 'demo', 'cluster'), '-b', 'cis-1.12', '-o', 'json'], { isTTY: true });
      expect(JSON.parse(run.out).reportVersion).toBe(1);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      process.chdir(cwd);
    }
  });

  it('--output-dir with several -f writes each under one timestamped name', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'kaudit-out-')), 'new');
    const run = await cli([...scan, '-f', 'json', '-f', 'junit,markdown', '--output-dir', dir]);
    expect(run.code).toBe(0);
    // Each format also gets a latest copy named by the cluster (docs/cli.md: keeping, shipping and fleets).
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(6);
    const base = files[0]!.replace(/\.json$/, '');
    expect(base).toMatch(/^kaudit-manifests-\d{8}T\d{6}Z$/);
    expect(files).toEqual([
      `${base}.json`,
      `${base}.md`,
      `${base}.xml`,
      'kaudit-manifests-latest.json',
      'kaudit-manifests-latest.md',
      'kaudit-manifests-latest.xml',
    ]);
    expect(run.err).toContain(`reports written: ${join(dir, `${base}.json`)}, ${join(dir, `${base}.xml`)}, ${join(dir, `${base}.md`)}`);
  });

  it('bad combinations are one line and exit 2, before any scan', async () => {
    const run = await cli([...scan, '-f', 'csv', '-o', 'json']);
    expect([run.code, run.out, run.err]).toEqual([
      2,
      '',
      'kaudit: -f csv and -o json ask for two formats: -o takes a file path or one format name\n',
    ]);
  });

  it('`kaudit report FILE` on a terminal writes HTML next to FILE instead of dumping it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaudit-out-'));
    const json = join(dir, 'r.json');
    expect((await cli([...scan, '-o', json])).code).toBe(0);
    const run = await cli(['report', json, '-f', 'html'], { isTTY: true });
    expect([run.code, run.out, run.err]).toEqual([0, '', `kaudit: report written to ${join(dir, 'r.html')}\n`]);
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    expect(existsSync(join(dir, 'r.html'))).toBe(true);
  });

  it('`kaudit report FILE -f FORMAT` renders every format from a saved report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaudit-out-'));
    const json = join(dir, 'r.json');
    expect((await cli([...scan, '-o', json])).code).toBe(0);
    const saved = JSON.parse(readFileSync(json, 'utf8'));
    expect((await cli(['report', json, '-f', 'json'])).out).toBe(readFileSync(json, 'utf8'));
    expect((await cli(['report', json, '-o', 'prometheus'])).out).toMatch(/^# HELP kaudit_compliance_score /);
    expect((await cli(['report', json, '-f', 'junit'])).out).toMatch(
      new RegExp(
        `^<\\?xml version="1.0" encoding="UTF-8"\\?>\n<testsuites name="kaudit" tests="${saved.controls.length}" failures="${saved.summary.counts.fail}"`,
      ),
    );
    expect((await cli(['report', json], { isTTY: true, env: { NO_COLOR: '1' } })).out).toContain(
      `\nEvery finding: kaudit report ${json} -f wide.`,
    );
  });
});

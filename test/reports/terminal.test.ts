/**
 * The terminal report: a summary that fits the terminal (80 and 200 columns), colour only when
 * asked for, the first affected objects and a one-line fix per failing control, and with details
 * (-f wide) every finding on its own line.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import stringWidth from 'string-width';
import type { ScanResult } from '../../src/core/result.js';
import { RENDERERS } from '../../reports/index.js';
import { cli } from '../support/live.js';
import { validReport } from '../support/schema.js';

/** A namespace without NetworkPolicy and its default service account bound to cluster-admin (JSON is YAML). */
const manifests = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'legacy' } },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'legacy-admin' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
    subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'legacy' }],
  },
]
  .map((o) => JSON.stringify(o))
  .join('\n---\n');
const CHECKS = ['--checks', 'rbac-cluster-admin-binding,netpol-namespace-coverage,apiserver-profiling'];
const demo = join(process.cwd(), 'src', 'demo', 'cluster');

function manifestFile(text = manifests): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kaudit-terminal-')), 'm.yaml');
  writeFileSync(file, text);
  return file;
}

let demoReport: ScanResult;
beforeAll(async () => {
  demoReport = validReport((await cli(['scan', '--manifests', demo, '-b', 'cis-1.12,pss-restricted', '-f', 'json'])).out);
});

describe('terminal summary', () => {
  it('reads top-down: source, score, sections, failing controls with objects and fix, not assessed, where the rest is', async () => {
    const run = await cli(['scan', '--manifests', manifestFile(), '-f', 'table', ...CHECKS]);
    expect(run.code).toBe(0);
    expect(run.out.split('\n')).toEqual([
      'kaudit 0.1.0 — manifests — cis-1.12',
      'Offline, no API identity · PSS latest (v1.37)',
      'Score 0 · 3 controls: 2 fail, 1 not-assessed',
      'Failing findings: 1 high, 1 medium',
      '',
      'Sections',
      '   –  cis-1.12 1.2 API server: 1 not assessed',
      '   0  cis-1.12 5.1 RBAC and service accounts: 1 fail',
      '   0  cis-1.12 5.3 Network policies and CNI: 1 fail',
      '',
      'Failing controls (2), most severe first',
      'HIGH     cis-1.12 5.1.1 cluster-admin only used where required · 1 finding',
      '  ClusterRoleBinding legacy-admin: ServiceAccount legacy/default is bound to cl…',
      expect.stringMatching(/^ {2}Fix: .+$/),
      expect.stringMatching(/^MEDIUM {3}cis-1\.12 5\.3\.2 .+ · 1 finding$/),
      '  Namespace legacy: namespace legacy has no NetworkPolicy (0 pods, none isolate…',
      expect.stringMatching(/^ {2}Fix: .+$/),
      '',
      'Not assessed (1), by reason',
      '  no kube-apiserver static pod visible in kube-system (1): 1.2.15',
      '',
      // The result's network section (5.3.2 ran): a namespace without pods.
      'Network isolation: 0/0 pods isolated for ingress, 0/0 for egress; default deny',
      '  in 0/1 namespaces for ingress, 0/1 for egress',
      '',
      'Every finding: -f wide (or --details). Full report: -o report.json, -o',
      'report.html.',
      '',
    ]);
  });

  it.each([80, 200])('fits %i columns: no line is wider, and nothing is coloured unless asked', (columns) => {
    const text = RENDERERS.table.render(demoReport, { columns });
    const lines = text.split('\n');
    expect(Math.max(...lines.map((l) => stringWidth(l)))).toBeLessThanOrEqual(columns);
    expect(text).not.toContain('\x1b[');
    // The failing controls are ordered by severity, with at most --top objects each.
    const headers = lines.filter((l) => /^(CRITICAL|HIGH|MEDIUM|LOW|INFO|ERROR) /.test(l)).map((l) => l.split(' ')[0]);
    const rank = ['CRITICAL', 'ERROR', 'HIGH', 'MEDIUM', 'LOW', 'INFO'];
    expect(headers).toHaveLength(demoReport.summary.counts.fail);
    expect([...headers].sort((a, b) => rank.indexOf(a!) - rank.indexOf(b!))).toEqual(headers);
    const hostPath = lines.indexOf(lines.find((l) => l.includes('cis-1.12 5.2.11 '))!);
    expect(lines.slice(hostPath + 1, hostPath + 8).map((l) => l.slice(0, 12))).toEqual([
      '  DaemonSet ',
      '  DaemonSet ',
      '  DaemonSet ',
      '  Deployment',
      '  Pod kube-s',
      '  … and 3 mo',
      '  Fix: Repla',
    ]);
    expect(lines[hostPath + 1]).toMatch(
      columns === 200 ? /^ {2}DaemonSet kube-system\/calico-node \(3 pods, 12 findings\): HostPath Volumes/ : /^.{79}…$/,
    );
  });

  it('colours only when told to: severities, score and headings', () => {
    const text = RENDERERS.table.render(demoReport, { columns: 120, color: true });
    expect(text).toContain('\x1b[31mHIGH    \x1b[39m');
    expect(text).toContain('\x1b[1mFailing controls (60), most severe first\x1b[22m');
  });

  it('colours the labels of the "Not read" and network lines without breaking their escape codes', () => {
    const gap = { key: 'pods', kind: 'Pod', status: 403, reason: 'Forbidden' } as const;
    const report = { ...demoReport, coverage: [gap], network: { notAssessed: 'pods could not be read', namespaces: [] } };
    const text = RENDERERS.table.render(report, { columns: 120, color: true });
    expect(text).toContain('\x1b[1mNot read (1):\x1b[22m Pod (403)');
    expect(text).toContain('\x1b[1mNetwork isolation:\x1b[22m not assessed (pods could not be read)');
    // No escape code lost its ESC (picocolors' bold is ESC[1m ... ESC[22m).
    expect(text).not.toMatch(/(?<!\x1b)\[(1|22)m/);
  });

  it('--top N sets the objects shown per control', () => {
    const lines = RENDERERS.table.render(demoReport, { columns: 120, top: 1 }).split('\n');
    const i = lines.findIndex((l) => l.includes('cis-1.12 5.2.11 '));
    expect(lines[i + 2]).toBe('  … and 7 more objects');
  });

  it('strips control characters from cluster strings: no escape sequence reaches the terminal', async () => {
    const file = manifestFile(
      manifests.replace(
        '"name":"default","namespace":"legacy"',
        '"name":"evil\\u001b[2J\\u001b[31m\\rred\\u009b1m\\u202e","namespace":"legacy"',
      ),
    );
    const run = await cli(['scan', '--manifests', file, '-f', 'wide', '--checks', 'rbac-cluster-admin-binding']);
    expect(run.code).toBe(0);
    expect(run.out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(run.out).toContain('ServiceAccount legacy/evil[2J[31m red1m is bound');
  });
});

describe('wide (-f wide, -f table --details)', () => {
  it('lists every finding after the summary, one line each, with its evidence', async () => {
    const file = manifestFile();
    const wide = await cli(['scan', '--manifests', file, '-f', 'wide', ...CHECKS]);
    const details = await cli(['scan', '--manifests', file, '-f', 'table', '--details', ...CHECKS]);
    expect(details.out).toBe(wide.out);
    const tail = wide.out.slice(wide.out.indexOf('\nFindings (2)\n') + 1).split('\n');
    expect(tail).toEqual([
      'Findings (2)',
      'high     cis-1.12 5.1.1  ClusterRoleBinding legacy-admin  ServiceAccount legacy/default is bound to cluster-admin by ClusterRoleBinding legacy-admin  [/subjects/0; observed roleRef cluster-admin, subject ServiceAccount legacy/default; expected no binding of cluster-admin beyond system:masters]',
      expect.stringMatching(/^medium {3}cis-1\.12 5\.3\.2 {2}Namespace legacy {2}namespace legacy has no NetworkPolicy/),
      '',
    ]);
  });

  it('every failing finding of the demo is one line', () => {
    const text = RENDERERS.wide.render(demoReport);
    const listed = text
      .slice(text.indexOf('\nFindings ('))
      .split('\n')
      .filter((l) => /^(critical|high|medium|low|info|waived) /.test(l));
    expect(listed).toHaveLength(demoReport.controls.reduce((n, c) => n + c.findings.length, 0));
  });
});

describe('the CLI chooses the terminal report', () => {
  it('on a terminal, coloured unless NO_COLOR or --no-color; JSON stays the default for pipes and files', async () => {
    const args = ['scan', '--manifests', manifestFile(), '--checks', 'netpol-namespace-coverage'];
    const plain = /^kaudit 0.1.0 — manifests — cis-1.12\nOffline, no API identity · PSS latest \(v1\.37\)\nScore 0 /;
    expect((await cli(args, { isTTY: true, env: { NO_COLOR: '1' } })).out).toMatch(plain);
    expect((await cli([...args, '--no-color'], { isTTY: true })).out).toMatch(plain);
    expect((await cli(args, { isTTY: true })).out).toMatch(
      /^\x1b\[1mkaudit 0.1.0 — manifests — cis-1.12\x1b\[22m\nOffline, no API identity · PSS latest \(v1\.37\)\n\x1b\[1m\x1b\[31mScore 0\x1b\[39m\x1b\[22m · 1 control: 1 fail\n/,
    );
    // Written to a file, the summary has no colour even from a terminal.
    const file = join(mkdtempSync(join(tmpdir(), 'kaudit-terminal-')), 'r.txt');
    await cli([...args, '-o', file], { isTTY: true });
    expect(readFileSync(file, 'utf8')).toMatch(plain);
    expect(JSON.parse((await cli(args, { isTTY: false })).out).reportVersion).toBe(1);
    expect(JSON.parse((await cli([...args, '-f', 'json'], { isTTY: true })).out).reportVersion).toBe(1);
  });
});

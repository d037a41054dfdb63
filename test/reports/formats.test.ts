/**
 * The pipeline formats, each read back by a parser from the registry (or validated against its
 * published schema) on the demo cluster's report: YAML is the JSON report's data, SARIF is valid
 * SARIF 2.1.0, JUnit parses with a testsuite per profile and a testcase per control, CSV has a row
 * per finding, the Prometheus text parses into the documented series, and Markdown says what the
 * summary says.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ajv } from 'ajv';
import Ajv4Module from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import parsePrometheus from 'parse-prometheus-text-format';
import { parse as parseYaml } from 'yaml';
import type { ScanResult } from '../../src/core/result.js';
import { RENDERERS } from '../../reports/index.js';
import { CSV_HEADER, csvField } from '../../reports/csv.js';
import { yamlScalar } from '../../reports/yaml.js';
import { checkInfo } from '../../src/pipeline/registry.js';
import { cli } from '../support/live.js';
import { validReport } from '../support/schema.js';

const demo = join(process.cwd(), 'src', 'demo', 'cluster');
let report: ScanResult;
let findings: number;
beforeAll(async () => {
  report = validReport((await cli(['scan', '--manifests', demo, '-b', 'cis-1.12,pss-restricted', '-f', 'json'])).out);
  findings = report.controls.reduce((n, c) => n + c.findings.length, 0);
});

describe('yaml', () => {
  it('is the JSON report, value for value', () => {
    expect(parseYaml(RENDERERS.yaml.render(report))).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('quotes every string a YAML reader would take for something else', () => {
    const tricky = [
      'true',
      'no',
      'null',
      '1.0',
      '0x1f',
      '- a',
      'a: b',
      '#x',
      '',
      ' lead',
      'a\nb',
      '\u007f\u0085\u009f',
      '@x',
      '*x',
      '!x',
      '%x',
      '{}',
      '[a]',
      "'",
      '"',
      'café',
    ];
    for (const s of tricky) expect(parseYaml(`v: ${yamlScalar(s)}`)).toEqual({ v: s });
    expect(yamlScalar('cis-1.12')).toBe('cis-1.12');
  });
});

/** ajv-draft-04 is CommonJS: its default export is the Ajv class for draft-04 schemas. */
const Ajv4 = Ajv4Module as unknown as typeof Ajv;

describe('sarif', () => {
  const schemaFile = join(process.cwd(), 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
  // The published SARIF 2.1.0 schema (draft-04), as @microsoft/jest-sarif ships it; formats checked too.
  // unicodeRegExp off: the schema's language pattern has a stray ] that only non-unicode regular expressions accept.
  const ajv = new Ajv4({ allErrors: true, strict: false, unicodeRegExp: false });
  (addFormats as unknown as (a: Ajv) => Ajv)(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));

  it('validates against the SARIF 2.1.0 schema, with rules carrying remediation and results at the resource', () => {
    const sarif = JSON.parse(RENDERERS.sarif.render(report, { checks: checkInfo() }));
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
    const run = sarif.runs[0];
    const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'rbac-cluster-admin-binding');
    expect(rule.help.text).toMatch(/^Bind a narrower ClusterRole/);
    expect(rule.properties.controls).toEqual(['cis-1.12 5.1.1']);
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'rbac-cluster-admin-binding');
    expect(result.locations[0].logicalLocations[0]).toEqual({
      name: 'legacy-default-admin',
      fullyQualifiedName: 'ClusterRoleBinding/legacy-default-admin',
      kind: 'resource',
    });
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe('rbac-cluster-admin-binding');
    // A finding two controls share (the same check in cis-1.12 and pss-restricted) is one result naming both.
    const keys = run.results.map(
      (r: { ruleId: string; partialFingerprints: Record<string, string>; message: { text: string } }) =>
        `${r.partialFingerprints['kauditFinding/v1']} ${r.message.text}`,
    );
    expect(new Set(keys).size).toBe(keys.length);
    expect(run.results.length).toBeLessThan(findings);
    expect(run.results.some((r: { properties: { controls: string[] } }) => r.properties.controls.length > 1)).toBe(true);
  });

  it('is valid without the catalog too (a report rendered elsewhere)', () => {
    const sarif = JSON.parse(RENDERERS.sarif.render(report));
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
  });

  it('locates manifests findings at file and line (JSON source, SARIF physicalLocation)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaudit-sarif-'));
    const cwd = process.cwd();
    try {
      mkdirSync(join(dir, 'k8s app'));
      // Two documents; the second opens with a comment and ---: its object starts on line 9.
      const text =
        '# the namespace\napiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\n# the app\n\n\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: nginx, securityContext: {privileged: true}}]\n';
      writeFileSync(join(dir, 'k8s app', 'shop.yaml'), text);
      process.chdir(dir);
      const run = await cli(['scan', '--manifests', 'k8s app', '-b', 'pss-baseline', '-f', 'json']);
      process.chdir(cwd);
      expect(run.code).toBe(0);
      const scanned = validReport<ScanResult>(run.out);
      const located = scanned.controls.flatMap((c) => c.findings.map((f) => [c.id, f.resource.kind, f.source]));
      const file = join('k8s app', 'shop.yaml');
      expect(located).toEqual([
        ['privileged', 'Deployment', { file, line: 9 }],
        ['namespace-enforce', 'Namespace', { file, line: 2 }],
      ]);
      const sarif = JSON.parse(RENDERERS.sarif.render(scanned, { checks: checkInfo() }));
      expect(validate(sarif) ? [] : validate.errors).toEqual([]);
      expect(sarif.runs[0].results.map((r: { ruleId: string; locations: unknown[] }) => [r.ruleId, r.locations])).toEqual([
        [
          'pss-privileged',
          [
            {
              physicalLocation: { artifactLocation: { uri: 'k8s%20app/shop.yaml' }, region: { startLine: 9 } },
              logicalLocations: [{ name: 'web', fullyQualifiedName: 'shop/Deployment/web', kind: 'resource' }],
            },
          ],
        ],
        [
          'namespace-pss-enforce-baseline',
          [
            {
              physicalLocation: { artifactLocation: { uri: 'k8s%20app/shop.yaml' }, region: { startLine: 2 } },
              logicalLocations: [{ name: 'shop', fullyQualifiedName: 'Namespace/shop', kind: 'resource' }],
            },
          ],
        ],
      ]);
    } finally {
      process.chdir(cwd);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('junit', () => {
  const xml = () =>
    new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
    }).parse(RENDERERS.junit.render(report));

  it('has a testsuite per profile and a testcase per control, with counts that match the summary', () => {
    const doc = xml();
    const suites = doc.testsuites.testsuite;
    expect(suites.map((s: { name: string }) => s.name)).toEqual(['cis-1.12', 'pss-restricted']);
    for (const suite of suites) {
      const p = report.summary.profiles.find((x) => x.id === suite.name)!;
      expect(suite.testcase).toHaveLength(report.controls.filter((c) => c.profile === suite.name).length);
      expect(Number(suite.failures)).toBe(p.counts.fail);
      expect(suite.testcase.filter((t: { failure?: unknown }) => t.failure)).toHaveLength(p.counts.fail);
      expect(suite.testcase.filter((t: { skipped?: unknown }) => t.skipped !== undefined)).toHaveLength(
        p.counts.manual + p.counts['not-applicable'] + p.counts['not-assessed'],
      );
    }
    expect(Number(doc.testsuites.tests)).toBe(report.controls.length);
  });

  it('failures carry every finding with its evidence and the remediation; skipped ones the reason', () => {
    const cases = xml().testsuites.testsuite[0].testcase;
    const binding = cases.find((t: { name: string }) => t.name.startsWith('5.1.1 '));
    expect(binding.classname).toBe('cis-1.12.5.1');
    expect(binding.failure.message).toBe('1 failing finding (high)');
    expect(binding.failure['#text']).toContain(
      'ClusterRoleBinding legacy-default-admin: ServiceAccount legacy/default is bound to cluster-admin',
    );
    expect(binding.failure['#text']).toContain('Remediation:\nBind a narrower ClusterRole');
    const hostPath = cases.find((t: { name: string }) => t.name.startsWith('5.2.11 '));
    expect(hostPath.failure['#text'].split('\n').filter((l: string) => l.includes('HostPath Volumes'))).toHaveLength(32);
    const unassessed = cases.find((t: { name: string }) => t.name.startsWith('1.1.1 '));
    expect(unassessed.skipped.message).toMatch(/^not-assessed: no node report: run the node agent/);
  });

  it('names the cluster as every format does (context, else server), and keeps the server', () => {
    const props = (r: ScanResult) =>
      Object.fromEntries(
        new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'property' })
          .parse(RENDERERS.junit.render(r))
          .testsuites.testsuite[0].properties.property.map((p: { name: string; value: string }) => [p.name, p.value]),
      );
    expect(props(report)).toMatchObject({ source: 'manifests' });
    expect(props(report).server).toBeUndefined();
    const serverOnly = {
      ...report,
      scan: { ...report.scan, source: { ...report.scan.source, type: 'live' as const, server: 'https://10.0.0.1:6443' } },
    };
    expect(props(serverOnly)).toMatchObject({ source: 'https://10.0.0.1:6443', server: 'https://10.0.0.1:6443' });
    const both = { ...serverOnly, scan: { ...serverOnly.scan, source: { ...serverOnly.scan.source, context: 'prod' } } };
    expect(props(both)).toMatchObject({ source: 'prod', server: 'https://10.0.0.1:6443' });
  });
});

describe('csv', () => {
  it('has a header and a row per finding (RFC 4180), which parse back to the report', () => {
    const rows: string[][] = parseCsv(RENDERERS.csv.render(report), { relaxColumnCount: false });
    expect(rows[0]).toEqual([...CSV_HEADER]);
    expect(rows).toHaveLength(findings + 1);
    const c = report.controls.find((x) => x.id === '5.1.1' && x.profile === 'cis-1.12')!;
    const row = rows.find((r) => r[1] === '5.1.1')!;
    expect(row).toEqual([
      'cis-1.12',
      '5.1.1',
      c.title,
      'high',
      'fail',
      'rbac-cluster-admin-binding',
      'rbac.authorization.k8s.io/v1',
      'ClusterRoleBinding',
      '',
      'legacy-default-admin',
      '',
      '',
      c.findings[0]!.path,
      c.findings[0]!.message,
      c.findings[0]!.observed,
      c.findings[0]!.expected,
      '',
      c.remediation![0],
    ]);
  });

  it('quotes commas, quotes and line breaks, and only those', () => {
    expect(['a', 'a,b', 'say "hi"', 'two\nlines', 'cr\r'].map(csvField)).toEqual(['a', '"a,b"', '"say ""hi"""', '"two\nlines"', '"cr\r"']);
    expect(parseCsv(`${['a,b', 'say "hi"', 'two\nlines'].map(csvField).join(',')}\r\n`)).toEqual([['a,b', 'say "hi"', 'two\nlines']]);
  });
});

describe('prometheus', () => {
  it('parses into the documented series with cluster and profile labels', () => {
    const families = new Map(parsePrometheus(RENDERERS.prometheus.render(report)).map((f) => [f.name, f]));
    expect([...families.keys()]).toEqual([
      'kaudit_compliance_score',
      'kaudit_findings',
      'kaudit_controls',
      'kaudit_control_status',
      'kaudit_scan_duration_seconds',
      'kaudit_scan_timestamp_seconds',
    ]);
    expect(families.get('kaudit_compliance_score')!.metrics).toEqual([
      { value: String(report.summary.score), labels: { cluster: 'manifests', profile: 'all' } },
      ...report.summary.profiles.map((p) => ({ value: String(p.score), labels: { cluster: 'manifests', profile: p.id } })),
    ]);
    const findingsSeries = families.get('kaudit_findings')!.metrics;
    expect(findingsSeries).toHaveLength(2 * 5);
    const total = findingsSeries.reduce((n, m) => n + Number(m.value), 0);
    expect(total).toBe(report.controls.reduce((n, c) => n + c.findings.filter((f) => f.status === 'fail').length, 0));
    const status = families.get('kaudit_control_status')!.metrics;
    expect(status).toHaveLength(report.controls.length);
    expect(status.find((m) => m.labels?.control === '5.1.1')).toEqual({
      value: '1',
      labels: { cluster: 'manifests', profile: 'cis-1.12', control: '5.1.1', severity: 'high', status: 'fail' },
    });
    expect(Number(families.get('kaudit_scan_timestamp_seconds')!.metrics[0]!.value)).toBe(Date.parse(report.scan.finishedAt) / 1000);
  });
});

describe('markdown', () => {
  it('has the summary, a table of failing controls, and their objects and remediation', () => {
    const text = RENDERERS.markdown.render(report);
    const lines = text.split('\n');
    expect(lines[0]).toBe(`## kaudit: score ${report.summary.score}`);
    const table = lines.slice(lines.indexOf('| Severity | Control | Findings |') + 2);
    expect(table.slice(0, table.indexOf(''))).toHaveLength(report.summary.counts.fail);
    expect(text).toContain(
      '#### high: cis-1.12 5.1.1 cluster-admin only used where required (1 finding)\n\n- **ClusterRoleBinding legacy-default-admin**: ServiceAccount legacy/default is bound to cluster-admin by ClusterRoleBinding legacy-default-admin\n\n**Remediation:** Bind a narrower ClusterRole',
    );
    expect(text).toContain('- … and 27 more\n');
  });
});

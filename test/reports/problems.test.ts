/**
 * The audit document's view model on hand-made results: one finding in one place across controls
 * and profiles, top risks, the per-namespace and per-workload views and their caps, charts, the
 * digest and the CSS strings of the page headers.
 */
import { describe, expect, it } from '@jest/globals';
import type { ResourceRef } from '../../src/core/check.js';
import type { ControlResult, Finding, ScanResult } from '../../src/core/result.js';
import { cssString } from '../../reports/html/assets.js';
import { RENDERERS } from '../../reports/index.js';
import { allotWorkloads, controlLabel, indexProblems, topRisks } from '../../reports/html/problems.js';
import { FINDINGS_PRINTED, htmlView, PROBLEMS_PER_WORKLOAD } from '../../reports/html/view-model.js';

const calico: ResourceRef = { apiVersion: 'apps/v1', kind: 'DaemonSet', namespace: 'kube-system', name: 'calico-node' };
const web: ResourceRef = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' };
const nsShop: ResourceRef = { apiVersion: 'v1', kind: 'Namespace', name: 'shop' };

const finding = (checkId: string, resource: ResourceRef, path: string, extra: Partial<Finding> = {}): Finding => ({
  checkId,
  status: 'fail',
  severity: 'high',
  resource,
  path,
  message: `${checkId} on ${resource.name} at ${path}`,
  observed: 'true',
  expected: 'false',
  ...extra,
});

const ctl = (profile: string, id: string, checks: string[], findings: Finding[], extra: Partial<ControlResult> = {}): ControlResult => ({
  profile,
  id,
  title: `${profile} ${id}`,
  section: 's',
  type: 'automated',
  severity: 'high',
  status: findings.some((f) => f.status === 'fail') ? 'fail' : 'pass',
  checks,
  objects: { judged: 3, passed: 0 },
  score: 0,
  findings,
  ...extra,
});

const privileged = (r: ResourceRef, i: number) =>
  finding('pss-privileged', r, `/spec/template/spec/containers/${i}/securityContext/privileged`);
const controls: ControlResult[] = [
  ctl('cis-1.12', '5.2.2', ['pss-privileged'], [privileged(calico, 0), privileged(calico, 1), privileged(web, 0)], {
    remediation: ['Drop privileged.'],
  }),
  ctl('pss-baseline', 'privileged', ['pss-privileged'], [privileged(calico, 0), privileged(calico, 1), privileged(web, 0)]),
  ctl('pss-restricted', 'privileged', ['pss-privileged'], [privileged(calico, 0), privileged(calico, 1), privileged(web, 0)]),
  ctl(
    'pss-restricted',
    'namespace-enforce',
    ['namespace-pss-enforce-restricted'],
    [finding('namespace-pss-enforce-restricted', nsShop, '/metadata/labels', { severity: 'medium' })],
    { severity: 'medium' },
  ),
  ctl(
    'kaudit-workloads',
    'KW-1.1',
    ['container-resource-limits'],
    [
      finding('container-resource-limits', web, '/spec/template/spec/containers/0/resources', { severity: 'critical', podCount: 3 }),
      finding('container-resource-limits', calico, '/x', { status: 'waived', waiver: { reason: 'r', entry: 0 } }),
    ],
    { severity: 'critical' },
  ),
];

function result(cs: ControlResult[]): ScanResult {
  const counts = { pass: 0, fail: cs.length, manual: 0, 'not-applicable': 0, 'not-assessed': 0, waived: 0, error: 0 };
  return {
    reportVersion: 1,
    tool: { name: 'kaudit', version: '1.0.0' },
    scan: {
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:01.000Z',
      durationMs: 1000,
      source: { type: 'live', context: 'prod"}</style><script>', platform: 'eks' },
    },
    profiles: [...new Set(cs.map((c) => c.profile))],
    summary: { score: 0, counts, severities: { critical: 1, high: 9, medium: 1, low: 0, info: 0 }, profiles: [], sections: [] },
    controls: cs,
    coverage: [],
    exceptions: { applied: [], expired: [], unused: [] },
  };
}

describe('one finding, one place', () => {
  it('groups findings by resource, field and check across controls and profiles; each control still counts its own', () => {
    const index = indexProblems(controls);
    expect(index.workloads.map((w) => [w.label, w.problems.length, w.findings, w.worst])).toEqual([
      ['Deployment shop/web', 2, 4, 'critical'],
      ['DaemonSet kube-system/calico-node', 2, 6, 'high'],
      ['Namespace shop', 1, 1, 'medium'],
    ]);
    const [calicoNode] = index.workloads.filter((w) => w.resource.name === 'calico-node');
    expect(calicoNode!.problems.map((p) => [p.path, p.findings, p.controls.map((c) => c.label).join(' · ')])).toEqual([
      ['/spec/template/spec/containers/0/securityContext/privileged', 3, 'CIS 5.2.2 · PSS baseline privileged · PSS restricted privileged'],
      ['/spec/template/spec/containers/1/securityContext/privileged', 3, 'CIS 5.2.2 · PSS baseline privileged · PSS restricted privileged'],
    ]);
    // A Namespace object belongs to its own namespace's team; waived findings are not problems.
    expect(index.namespaces.map((n) => [n.name, n.workloads.length, n.problems, n.findings])).toEqual([
      ['kube-system', 1, 2, 6],
      ['shop', 2, 3, 5],
    ]);
    expect(index.byFinding(controls[1]!.findings[2]!)).toBe(index.workloads[0]!.problems.find((p) => p.checkId === 'pss-privileged'));

    const v = htmlView(result(controls));
    expect(v.problems).toBe(5);
    expect(v.totals.failingFindings).toBe(11);
    // Under each control the finding is still listed and counted; it names the other controls.
    const restricted = v.attention.find((c) => c.profile === 'pss-restricted' && c.id === 'privileged')!;
    expect(restricted.failing).toBe(3);
    expect(restricted.findings[0]).toMatchObject({
      also: [{ label: 'CIS 5.2.2' }, { label: 'PSS baseline privileged' }],
      repeat: true,
      problemHref: '#w-DaemonSet-kube-system-calico-node-0',
    });
    expect(restricted).toMatchObject({ repeats: 3, repeatsOf: ['CIS 5.2.2'] });
    expect(v.attention[0]).toMatchObject({ repeats: 0, remediation: ['Drop privileged.'] });
  });

  it('says on paper where the findings of a control are listed when every one of them is listed earlier', () => {
    const html = RENDERERS.html.render(result(controls));
    const notes = [...html.matchAll(/<p class="print-only muted">([^<]*)<\/p>/g)].map((m) => m[1]);
    expect(notes).toEqual([
      'Its 3 findings are listed under CIS 5.2.2 already (same object, field and check): not repeated on paper.',
      'Its 3 findings are listed under CIS 5.2.2 already (same object, field and check): not repeated on paper.',
    ]);
  });

  it('past the findings shown, says "its first N" and counts every finding not printed', () => {
    const many = Array.from({ length: 60 }, (_, i) => privileged({ ...web, name: `web-${String(i).padStart(2, '0')}` }, 0));
    const html = RENDERERS.html.render(
      result([ctl('cis-1.12', '5.2.2', ['pss-privileged'], many), ctl('pss-baseline', 'privileged', ['pss-privileged'], many)]),
    );
    const notes = [...html.matchAll(/<p class="print-only muted">([^<]*)<\/p>/g)].map((m) => m[1]);
    expect(notes).toEqual([
      'Its first 50 findings are listed under CIS 5.2.2 already (same object, field and check): not repeated on paper.',
    ]);
    // CIS 5.2.2 prints 6 of its 60; PSS baseline prints none of its 50 shown (repeats) and not the 10 past them.
    expect([...html.matchAll(/… and (\d+) more findings of this control not printed/g)].map((m) => m[1])).toEqual(['54', '10']);
  });

  it('labels controls by profile', () => {
    expect([
      controlLabel('cis-1.12', '5.2.2'),
      controlLabel('pss-baseline', 'privileged'),
      controlLabel('kaudit-workloads', 'KW-1.1'),
    ]).toEqual(['CIS 5.2.2', 'PSS baseline privileged', 'kaudit-workloads KW-1.1']);
  });
});

describe('top risks', () => {
  it('ranks failing controls by severity, then objects affected, one risk for controls that run the same checks', () => {
    expect(
      topRisks(controls, 10).map((r) => [
        r.severity,
        r.controls.map((c) => c.label).join(' · '),
        r.objects,
        r.pods,
        r.namespaces,
        r.example,
        r.remediation,
      ]),
    ).toEqual([
      ['critical', 'kaudit-workloads KW-1.1', 1, 3, 1, 'Deployment shop/web', undefined],
      [
        'high',
        'CIS 5.2.2 · PSS baseline privileged · PSS restricted privileged',
        2,
        0,
        2,
        'DaemonSet kube-system/calico-node',
        'Drop privileged.',
      ],
      ['medium', 'PSS restricted namespace-enforce', 1, 0, 1, 'Namespace shop', undefined],
    ]);
    expect(topRisks(controls, 1)).toHaveLength(1);
    expect(htmlView(result(controls)).risks[1]!.reach).toBe('2 objects in 2 namespaces, e.g. DaemonSet kube-system/calico-node');
  });
});

describe('caps', () => {
  it('shares the per-workload budget round by round between namespaces, worst first', () => {
    const many: ControlResult[] = [
      ctl(
        'cis-1.12',
        '5.2.2',
        ['pss-privileged'],
        [
          ...Array.from({ length: 6 }, (_, i) => privileged({ ...web, namespace: 'big', name: `app-${i}` }, 0)),
          privileged({ ...web, namespace: 'small', name: 'one' }, 0),
        ],
      ),
    ];
    const index = indexProblems(many);
    const shown = allotWorkloads(index.namespaces, 4, 50);
    expect([...shown].map(([ns, ws]) => [ns, ws.map((w) => w.resource.name)])).toEqual([
      ['big', ['app-0', 'app-1', 'app-2']],
      ['small', ['one']],
    ]);
  });

  it('shows at most PROBLEMS_PER_WORKLOAD problems of a workload and says how many more', () => {
    const n = PROBLEMS_PER_WORKLOAD + 7;
    const v = htmlView(
      result([
        ctl(
          'cis-1.12',
          '5.2.2',
          ['pss-privileged'],
          Array.from({ length: n }, (_, i) => privileged(calico, i)),
        ),
      ]),
    );
    expect(v.namespaces[0]!.shown[0]).toMatchObject({ hidden: 7 });
    expect(v.namespaces[0]!.shown[0]!.problems).toHaveLength(PROBLEMS_PER_WORKLOAD);
    // The control shows its first 50 findings and how many more.
    expect(v.attention[0]).toMatchObject({ failing: n, hidden: n - 50 });
  });

  it('prints the first FINDINGS_PRINTED findings of a control that are not repeats and counts the rest', () => {
    const own = (i: number) => finding('kw-latest', web, `/spec/template/spec/containers/${i}/image`);
    // The restricted control's first two findings are CIS 5.2.2's (repeats), then 60 of its own.
    const r = result([
      ctl('cis-1.12', '5.2.2', ['pss-privileged'], [privileged(calico, 0), privileged(calico, 1)]),
      ctl(
        'pss-restricted',
        'x',
        ['pss-privileged', 'kw-latest'],
        [privileged(calico, 0), privileged(calico, 1), ...Array.from({ length: 60 }, (_, i) => own(i))],
      ),
    ]);
    const v = htmlView(r);
    const [cis, restricted] = v.attention;
    expect(cis).toMatchObject({ repeats: 0, unprinted: 0 });
    expect(cis!.findings.map((f) => f.unprinted)).toEqual([undefined, undefined]);
    // 50 shown on screen: 2 repeats, 8 printed, the rest shown but not printed; 12 not shown at all.
    expect(restricted).toMatchObject({ hidden: 12, repeats: 2, unprinted: 50 - 2 - FINDINGS_PRINTED + 12 });
    expect(restricted!.findings.map((f) => (f.repeat ? 'r' : f.unprinted ? 'u' : 'p')).join('')).toBe(
      `rr${'p'.repeat(FINDINGS_PRINTED)}${'u'.repeat(50 - 2 - FINDINGS_PRINTED)}`,
    );
    const html = RENDERERS.html.render(r);
    expect(html).toContain('2 of the findings below are listed under CIS 5.2.2 already');
    expect(html.match(/class="[^"]*\bunprinted\b/g)).toHaveLength(50 - 2 - FINDINGS_PRINTED);
    expect([...html.matchAll(/<p class="print-only muted print-more">([^]*?)<\/p>/g)].map((m) => m[1])).toEqual([
      `… and ${50 - 2 - FINDINGS_PRINTED + 12} more findings of this control not printed: the HTML report shows the first 50 of each control, the JSON report (<code>--format json</code>) every finding.`,
    ]);
  });
});

describe('document', () => {
  it('carries the digest of the JSON report it is given (none without one), charts with the counts, and the coverage count', () => {
    const r = result(controls);
    expect(htmlView(r).digest).toBeUndefined();
    expect(htmlView(r, { sha256: 'ab'.repeat(32) }).digest).toEqual({
      sha256: 'ab'.repeat(32),
      of: 'the JSON report written with it to standard output',
    });
    const v = htmlView(r, { sha256: 'cd'.repeat(32), file: 'out/kaudit.json' });
    expect(v.digest).toEqual({ sha256: 'cd'.repeat(32), of: 'the JSON report out/kaudit.json' });
    expect(v.charts.severities.bars.map((b) => [b.label, b.total])).toEqual([
      ['critical', 1],
      ['high', 9],
      ['medium', 1],
      ['low', 0],
      ['info', 0],
    ]);
    expect(v.charts.namespaces.bars.map((b) => [b.label, b.total, b.href])).toEqual([
      ['kube-system', 6, '#ns-kube-system'],
      ['shop', 5, '#ns-shop'],
    ]);
    expect(v.charts.workloads.bars[0]).toMatchObject({ label: 'DaemonSet kube-system/calico-node', total: 6, text: '6 failing findings' });
    expect(v.coverageNav).toBe('0 failed reads, 0 not assessed');
  });

  it('writes cluster text into the page header CSS as escapes only', () => {
    expect(cssString('prod"}</style><script>\\\n')).toBe('"prod\\22 \\7d \\3c /style\\3e \\3c script\\3e \\5c \\a "');
    const v = htmlView(result(controls));
    expect(v.page.pageCss).toContain('content: "kaudit audit report \\b7  prod\\22 \\7d \\3c /style\\3e \\3c script\\3e ";');
    expect(v.page.pageCss).not.toMatch(/[<>]/);
  });
});

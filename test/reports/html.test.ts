/**
 * HTML report: scans through the real pipeline (manifests, and a live loopback cluster for coverage)
 * and asserts on the HTML an auditor reads; the view model is also tested on a small hand-made result.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/io/package-root.js';
import type { ControlResult, ScanResult } from '../../src/core/result.js';
import { inventoryFromManifests } from '../../src/offline/manifests.js';
import { anchor, duration, htmlView, utc } from '../../reports/html/view-model.js';
import { RENDERERS } from '../../reports/index.js';
import { validReport } from '../support/schema.js';
import { cli, live } from '../support/live.js';

const IMAGE = 'evil"><img src=x onerror=alert(1)>:latest';
const ENV_NAME = '<script>alert(1)</script>_PASSWORD';

const manifests = `apiVersion: v1
kind: Namespace
metadata: {name: legacy}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: legacy-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: default, namespace: legacy}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ci-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: deployer, namespace: ci}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: legacy}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: '${IMAGE}'
        env:
        - name: '${ENV_NAME}'
          value: hunter2
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: kube-proxy, namespace: kube-system}
spec:
  selector: {matchLabels: {k8s-app: kube-proxy}}
  template:
    metadata: {labels: {k8s-app: kube-proxy}}
    spec:
      containers:
      - name: kube-proxy
        image: registry.k8s.io/kube-proxy
        resources: {requests: {cpu: 10m, memory: 20Mi}, limits: {memory: 50Mi}}
`;

const waivers = `exceptions:
  - checks: [container-resource-limits]
    resources:
      - kind: Deployment
        namespace: legacy
        name: web
    reason: memory capped by the LimitRange of legacy; reviewed in SEC-7
    owner: platform-team
    expires: 2099-12-31
  - checks: [rbac-cluster-admin-binding]
    resources: [{kind: ClusterRoleBinding, name: ci-admin}]
    reason: CI needs cluster-admin until the split of SEC-9
    owner: ci-team
    expires: 2098-01-31
  - checks: [pss-privileged]
    reason: old waiver for the legacy privileged pods
    owner: legacy-team
    expires: 2020-01-31
  - controls: [cis-1.12/5.1.3]
    reason: nothing matches this any more
`;

/** The part of the page from `<section id="ID">` to the next top-level section (or the end of main). */
function part(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}">`);
  if (start < 0) throw new Error(`no section ${id}`);
  const next = html.slice(start + 1).search(/\n<section id="|<\/main>/);
  return html.slice(start, start + 1 + next);
}
/** A control under Needs attention: its <details> element. */
function attention(html: string, profile: string, id: string): string {
  const start = html.indexOf(`<details open class="control st-`);
  const at = html.indexOf(`id="${anchor('a', profile, id)}"`, start);
  if (at < 0) throw new Error(`no attention block for ${profile} ${id}`);
  return html.slice(at, html.indexOf('</details>', at));
}
/** A control's row under All controls, with its findings row when it has one. */
function row(html: string, profile: string, id: string): string {
  const at = html.indexOf(`<tr id="${anchor('c', profile, id)}" `);
  if (at < 0) throw new Error(`no row for ${profile} ${id}`);
  const rest = html.slice(at + 1);
  const end = rest.search(/<tr id="|<\/tbody>\n<\/table>\n<\/details>/);
  return html.slice(at, at + 1 + end);
}
/** Visible text: tags dropped, the entities EJS writes decoded, whitespace collapsed. */
const text = (html: string): string =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#34;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

let dir: string;
let file: string;
let result: ScanResult;
let html: string;
const control = (profile: string, id: string): ControlResult => result.controls.find((c) => c.profile === profile && c.id === id)!;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kaudit-html-'));
  file = join(dir, 'm.yaml');
  writeFileSync(file, manifests);
  writeFileSync(join(dir, 'waivers.yaml'), waivers);
  const run = await cli([
    'scan',
    '--manifests',
    file,
    '-b',
    'kaudit-workloads',
    '-b',
    'cis-1.12',
    '--exceptions',
    join(dir, 'waivers.yaml'),
    '-f',
    'json',
  ]);
  expect(run.code).toBe(0);
  result = validReport<ScanResult>(run.out);
  html = RENDERERS.html.render(result);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('html report of a manifests scan', () => {
  it('is the html format of kaudit scan and of --output-dir', async () => {
    expect(RENDERERS.html.extension).toBe('html');
    const run = await cli([
      'scan',
      '--manifests',
      file,
      '-b',
      'kaudit-workloads',
      '-b',
      'cis-1.12',
      '--exceptions',
      join(dir, 'waivers.yaml'),
      '-f',
      'html',
    ]);
    expect(run.code).toBe(0);
    expect(run.out.startsWith('<!DOCTYPE html>\n<html lang="en">\n')).toBe(true);
    expect(run.out.trimEnd().endsWith('</html>')).toBe(true);
    expect(run.out.match(/<section id="(\w+)">/g)).toEqual(
      ['summary', 'attention', 'namespaces', 'network', 'controls', 'coverage', 'exceptions'].map((id) => `<section id="${id}">`),
    );
    // The same scan renders the same page, up to the times.
    const times = (s: string) =>
      s
        .replace(/sha256-[\w+/=]+|\b[0-9a-f]{64}\b/g, 'H')
        .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'T')
        .replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/g, 'T')
        .replace(/<dt>Duration<\/dt><dd>[^<]*<\/dd>/, '');
    expect(times(run.out)).toBe(times(html));
  });

  it('names the JSON report it goes with by its sha256 (as sha256sum), and says so when there is none', async () => {
    const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
    const digestOf = (page: string) => /<code id="digest">([0-9a-f]{64})<\/code>/.exec(page)?.[1];
    // Alone, the HTML has no JSON report to name.
    const alone = await cli(['scan', '--manifests', file, '-b', 'cis-1.12', '-f', 'html']);
    expect(alone.code).toBe(0);
    expect(digestOf(alone.out)).toBeUndefined();
    expect(alone.out).toContain('<p class="digest" id="no-digest">No report digest: no JSON report was written with this document.');
    expect(alone.out).not.toContain('kaudit-report-sha256');
    // Written in one run: the JSON is hashed as it is written (html listed first makes no difference).
    const out = join(dir, 'both');
    const both = await cli(['scan', '--manifests', file, '-b', 'cis-1.12', '-f', 'html', '-f', 'json', '--output-dir', out]);
    expect(both.code).toBe(0);
    const written = readdirSync(out);
    const jsonFile = written.find((f) => f.endsWith('.json') && !f.includes('latest'))!;
    const page = readFileSync(
      join(
        out,
        written.find((f) => f.endsWith('.html') && !f.includes('latest'))!,
      ),
      'utf8',
    );
    expect(digestOf(page)).toBe(sha(join(out, jsonFile)));
    expect(page).toContain(`sha256 of the JSON report ${jsonFile}:`);
    expect(page).toContain(`<meta name="kaudit-report-sha256" content="${sha(join(out, jsonFile))}">`);
    // From a saved report: the file's own bytes, even when they are not kaudit's layout.
    const saved = join(dir, 'saved.json');
    writeFileSync(saved, JSON.stringify(result, null, 1));
    const rendered = await cli(['report', saved, '-f', 'html']);
    expect(rendered.code).toBe(0);
    expect(digestOf(rendered.out)).toBe(sha(saved));
    expect(rendered.out).toContain(`sha256 of the JSON report ${saved}:`);
  });

  it('shows where each manifest resource was read (file:line), as the JSON report records it', () => {
    const located = result.controls.flatMap((c) => c.findings).filter((f) => f.source);
    expect(located.length).toBeGreaterThan(0);
    expect(new Set(located.map((f) => f.source!.file))).toEqual(new Set([file]));
    const lines = manifests.split('\n');
    for (const f of located) {
      // The line holds the start of the object: its first key.
      expect(lines[f.source!.line! - 1]).toMatch(/^(apiVersion|kind|metadata):/);
      expect(html).toContain(`<div class="sub src" title="where the manifest was read">${file}:${f.source!.line}</div>`);
    }
  });

  it('heads the page with the facts of the scan, times in UTC', () => {
    const s = result.scan;
    expect(html).toContain(`<title>kaudit report — ${file} — ${utc(s.finishedAt)}</title>`);
    expect(utc(s.startedAt)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
    const facts = [...html.matchAll(/<div><dt>([^<]+)<\/dt><dd>(.*?)<\/dd><\/div>/g)].map((m) => [m[1], m[2]]);
    expect(facts).toEqual([
      ['Source', 'manifests (offline)'],
      ['Scanned as', 'offline (no API identity)'],
      ['Inputs', file],
      ['Namespaces', 'all'],
      ['Kubernetes version', 'not known'],
      ['Platform', 'unknown'],
      ['Profiles', 'kaudit-workloads, cis-1.12'],
      ['Pod Security Standards version', 'latest (v1.37)'],
      ['Started', `<time datetime="${s.startedAt}">${utc(s.startedAt)}</time>`],
      ['Finished', `<time datetime="${s.finishedAt}">${utc(s.finishedAt)}</time>`],
      ['Duration', duration(s.durationMs)],
      ['Tool', 'kaudit 0.1.0 (report version 1)'],
    ]);
  });

  it('shows the score, explains it in one sentence, and counts controls and failing findings', () => {
    const summary = part(html, 'summary');
    const c = result.summary.counts;
    expect(result.summary.score).toBe(62.5);
    expect(summary).toContain('<span class="score-value">62.5</span><span class="score-unit">/ 100</span>');
    expect(text(summary)).toContain(
      `The score is the mean of the compliance scores of the ${c.pass + c.fail + c.waived} pass, fail and waived controls, each the share of the objects it judged that passed (a waived finding counts as passed); the ${c.manual + c['not-applicable'] + c['not-assessed'] + c.error} manual, not-applicable, not-assessed and error controls are left out of it and counted beside it.`,
    );
    expect(text(summary)).toContain(
      `${c['not-assessed']} controls could not be judged (${c['not-assessed']} not assessed): read the score together with the counts.`,
    );
    const tiles = [...summary.matchAll(/<li class="tile (?:st|sev)-([\w-]+)[^"]*"[^>]*><span class="n">(\d+)<\/span>/g)].map(
      (m) => `${m[1]} ${m[2]}`,
    );
    expect(tiles).toEqual([
      ...Object.entries(c).map(([k, n]) => `${k} ${n}`),
      ...Object.entries(result.summary.severities).map(([k, n]) => `${k} ${n}`),
    ]);
    expect(c).toMatchObject({ fail: 17, waived: 1, manual: 7 });
    // One row per section of the summary, in order, with its score.
    const sectionRows = [
      ...summary.matchAll(/<tr><td>([\w.-]+)<\/td><td><a href="#s-[^"]+">([^<]+)<\/a><\/td><td class="num score-cell">([^<]+)<\/td>/g),
    ].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    expect(sectionRows).toEqual(
      result.summary.sections.map((s) => `${s.profile} ${/^\d/.test(s.id) ? `${s.id} ` : ''}${s.title} ${s.score ?? 'n/a'}`),
    );
    // KW-1.1 passes kube-proxy and fails web (50), KW-1.2 is waived (100); no API server control could be scored.
    expect(sectionRows).toContain('kaudit-workloads Resources 75');
    expect(sectionRows).toContain('cis-1.12 1.2 API server n/a');
    expect(text(summary)).toMatch(
      /Profile Score Controls Pass Fail Manual Not applicable Not assessed Waived Error kaudit-workloads [\d.]+ 7 0 6 0 0 0 1 0 cis-1.12 [\d.]+ 131 /,
    );
  });

  it('lists failing controls first, with the resource, path, observed and expected value of each finding', () => {
    const needs = part(html, 'attention');
    const ids = [...needs.matchAll(/<span class="cid">([^<]+)<\/span>/g)].map((m) => m[1]);
    expect(ids).toEqual(result.controls.filter((c) => c.status === 'fail' || c.status === 'error').map((c) => `${c.profile} ${c.id}`));
    const block = attention(html, 'cis-1.12', '5.1.1');
    const legacy = control('cis-1.12', '5.1.1').findings.find((f) => f.resource.name === 'legacy-admin')!;
    expect(legacy).toMatchObject({ path: '/subjects/0', observed: 'roleRef cluster-admin, subject ServiceAccount legacy/default' });
    expect(text(block)).toContain(
      'Fail cis-1.12 5.1.1 cluster-admin only used where required high · 1 of 2 passed · score 50 · 1 failing, 1 waived',
    );
    expect(text(block)).toContain(
      `ClusterRoleBinding legacy-admin rbac.authorization.k8s.io/v1 ${file}:${legacy.source!.line} ${legacy.message} path /subjects/0 check rbac-cluster-admin-binding ${legacy.observed} ${legacy.expected}`,
    );
    expect(block).toContain('<td class="obs"><code>roleRef cluster-admin, subject ServiceAccount legacy/default</code></td>');
    expect(block).toContain(`<td class="exp"><code>${legacy.expected}</code></td>`);
  });

  it('shows waived findings with the waiver: entry, reason, owner and expiry', () => {
    // Waived next to a failing finding of the same control, under Needs attention.
    const block = attention(html, 'cis-1.12', '5.1.1');
    expect(text(block)).toMatch(
      new RegExp(
        `ClusterRoleBinding ci-admin rbac\\.authorization\\.k8s\\.io/v1 ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+ waived`,
      ),
    );
    expect(block).toContain(
      '<dl class="waiver"><dt>Waived by</dt><dd><code>exceptions[1]</code></dd><dt>Reason</dt><dd>CI needs cluster-admin until the split of SEC-9</dd><dt>Owner</dt><dd>ci-team</dd><dt>Expires</dt><dd>2098-01-31</dd></dl>',
    );
    // A control whose every finding is waived, under All controls.
    const waived = row(html, 'kaudit-workloads', 'KW-1.2');
    expect(text(waived)).toContain(
      'Waived KW-1.2 Containers have a memory limit automated · container-resource-limits medium 2 of 2 passed 100 Reason: every finding is covered by an exception',
    );
    expect(waived).toContain('<p class="note"><b>1 finding waived</b>; listed below.</p>');
    // Manifests have no live pods: the workload's pod count is 0.
    const web = control('kaudit-workloads', 'KW-1.2').findings[0]!;
    expect(text(waived)).toContain(
      `Deployment legacy/web apps/v1 ${file}:${web.source!.line} waived no live pods container web has no memory limit path /spec/template/spec/containers/0/resources/limits/memory`,
    );
    expect(text(waived)).toContain(
      'Waived by exceptions[0] Reason memory capped by the LimitRange of legacy; reviewed in SEC-7 Owner platform-team Expires 2099-12-31',
    );
  });

  it('gives not-assessed controls their reason and manual controls their guidance', () => {
    const c1215 = control('cis-1.12', '1.2.15');
    expect(text(row(html, 'cis-1.12', '1.2.15'))).toBe(
      `Not assessed 1.2.15 ${c1215.title} ${c1215.type} · apiserver-profiling ${c1215.severity} — — Reason: no kube-apiserver static pod visible in kube-system Guidance: The kube-apiserver must be started with --profiling=false; profiling is on by default, so a missing flag fails.`,
    );
    expect(row(html, 'cis-1.12', '1.2.15')).toContain(
      '<p class="note reason-strong"><b>Reason:</b> no kube-apiserver static pod visible in kube-system</p>',
    );
    const manual = row(html, 'cis-1.12', '3.1.1');
    expect(text(manual)).toContain('Manual 3.1.1 No client-cert auth for human users manual medium — —');
    expect(manual).toContain(
      '<p class="note guidance-strong"><b>Guidance:</b> Confirm that people do not sign in with client certificates. Look for CertificateSigningRequests with the signer kubernetes.io/kube-apiserver-client and for RBAC bindings to User subjects; certificates already issued are not visible through the API.</p>',
    );
    // Failing controls link to their findings instead of repeating them.
    expect(row(html, 'cis-1.12', '5.1.1')).toContain(
      '<a href="#a-cis-1.12-5.1.1">1 failing finding and 1 waived under Needs attention</a>',
    );
    // Not-assessed controls grouped by reason under coverage.
    expect(part(html, 'coverage')).toContain(
      '<p class="ok">The manifests are the whole input: there was no API read to fail. What they do not contain (static pods, kubelet configuration) makes the controls that need it not assessed, listed below.</p>',
    );
    expect(text(part(html, 'coverage'))).toMatch(/no kube-apiserver static pod visible in kube-system \(\d+\): [^(]*cis-1\.12 1\.2\.15/);
  });

  it('groups every control by profile and section, in report order', () => {
    const all = part(html, 'controls');
    expect([...all.matchAll(/<section class="profile" id="p-([\w.-]+)">/g)].map((m) => m[1])).toEqual(['kaudit-workloads', 'cis-1.12']);
    expect([...all.matchAll(/<tr id="c-([\w.-]+)-([\w.-]+)" /g)].map((m) => `${m[1]}-${m[2]}`)).toEqual(
      result.controls.map((c) => anchor('x', c.profile, c.id).slice(2)),
    );
    expect(result.controls).toHaveLength(138);
  });

  it('marks findings in system namespaces', () => {
    const block = attention(html, 'kaudit-workloads', 'KW-2.1');
    expect(block).toMatch(
      /<tr class="finding f-fail is-system" data-r data-ns="kube-system">\n<td class="res"><span class="kind">DaemonSet<\/span> <span class="name">kube-system\/kube-proxy<\/span>\n<div class="sub">apps\/v1<\/div>\n<div class="sub src" title="where the manifest was read">[^<]+:\d+<\/div>\n<div class="tags"><span class="tag tag-system" title="in a system namespace">system<\/span>/,
    );
    expect(block).toMatch(
      /<tr class="finding f-fail" data-r data-ns="legacy">\n<td class="res"><span class="kind">Deployment<\/span> <span class="name">legacy\/web<\/span>/,
    );
  });

  it('lists exceptions applied, expired and unused', () => {
    const ex = text(part(html, 'exceptions'));
    expect(ex).toContain(
      'Applied (2) Entry Reason Owner Expires Findings waived exceptions[0] memory capped by the LimitRange of legacy; reviewed in SEC-7 platform-team 2099-12-31 1 exceptions[1] CI needs cluster-admin until the split of SEC-9 ci-team 2098-01-31 1',
    );
    expect(ex).toContain(
      'Expired (1) These entries no longer waive anything: the findings they covered are reported as failing. Entry Reason Owner Expired after exceptions[2] old waiver for the legacy privileged pods legacy-team 2020-01-31',
    );
    expect(ex).toContain(
      'Unused (1) These entries matched no finding: stale or mistyped waivers. Entry Reason Owner exceptions[3] nothing matches this any more not given',
    );
  });

  it('escapes every value from the cluster', () => {
    const image = control('kaudit-workloads', 'KW-2.1').findings.find((f) => f.resource.name === 'web')!;
    const env = control('kaudit-workloads', 'KW-4.1').findings[0];
    expect(image.message).toContain(IMAGE);
    expect(env!.message).toContain(ENV_NAME);
    expect(html).not.toContain('<img');
    // The page's one script is its own filter script, at the end of the body.
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain(`<script>${readFileSync(join(packageRoot(), 'reports', 'html', 'filter.js'), 'utf8')}</script>\n</body>`);
    expect(html).not.toContain('onerror=alert(1)>');
    expect(html).toContain('container web uses image evil&#34;&gt;&lt;img src=x onerror=alert(1)&gt;:latest with the tag latest');
    expect(html).toContain('<code>image: evil&#34;&gt;&lt;img src=x onerror=alert(1)&gt;:latest</code>');
    expect(html).toContain('container web sets env &lt;script&gt;alert(1)&lt;/script&gt;_PASSWORD to a literal value');
    // Read back as text, the values are intact.
    expect(text(attention(html, 'kaudit-workloads', 'KW-2.1'))).toContain(image.message);
  });

  it('is self-contained: its own style and script only, allowed by hash; no external resource', () => {
    expect(html).not.toMatch(/<link|<img|<iframe|<object|<embed|@import|url\(/i);
    expect(html).not.toMatch(/<[^>]*\s(?:src|action|srcset|on\w+)\s*=/i);
    // Links go to the page itself, or (references of failing controls) are plain links, never loaded.
    for (const m of html.matchAll(/<a href="([^"]*)"([^>]*)>/g)) {
      if (m[1]!.startsWith('#')) expect(m[1]).toMatch(/^#[\w.-]+$/);
      else expect([m[1], m[2]]).toEqual([expect.stringMatching(/^https:\/\/[\w./#-]+$/), ' rel="noreferrer noopener"']);
    }
    const styles = [...html.matchAll(/<style>([^]*?)<\/style>/g)].map((m) => m[1]!);
    expect(styles).toHaveLength(2);
    const script = /<script>([^]*?)<\/script>/.exec(html)![1];
    const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)![1]!.replace(/&#39;/g, "'");
    expect(csp).toBe(
      `default-src 'none'; style-src ${styles.map(sha).join(' ')}; script-src ${sha(script!)}; img-src 'none'; base-uri 'none'; form-action 'none'`,
    );
    // The printed page header carries the subject (cluster text, escaped for CSS) and the date.
    expect(styles[1]).toMatch(
      /^@page \{ @top-left \{ content: "kaudit audit report \\b7 {2}\/tmp\/[^"]*\/m\.yaml"; \} @top-right \{ content: "\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC"; \} \}\n$/,
    );
    expect(styles[0]).toMatch(/@media print \{[^]*\.toc, \.filters[^]*tr\.repeat \{ display: none; \}/);
    // Every cluster value goes through EJS escaping: the only unescaped outputs are the page's own style and script.
    const template = readFileSync(join(packageRoot(), 'reports', 'html', 'report.ejs'), 'utf8');
    expect([...template.matchAll(/<%-\s*([^%]*?)\s*%>/g)].map((m) => m[1])).toEqual([
      'v.page.css',
      'v.page.pageCss',
      "include('network.ejs', { v, part })",
      'v.page.script',
    ]);
    // The included network section escapes everything it writes.
    expect(readFileSync(join(packageRoot(), 'reports', 'html', 'network.ejs'), 'utf8')).not.toContain('<%-');
  });
});

describe('html report of a live scan', () => {
  it('names the context, server, version and platform, and lists what could not be read', async () => {
    const { inventory } = inventoryFromManifests([{ name: 'm.yaml', text: manifests }]);
    const env = await live({ inventory, forbidden: [{ resource: 'networkpolicies' }] }, 'audit-prod');
    try {
      const run = await cli(['scan', '--kubeconfig', env.kubeconfig, '-b', 'cis-1.12', '-f', 'html']);
      expect(run.code).toBe(0);
      const facts = Object.fromEntries([...run.out.matchAll(/<div><dt>([^<]+)<\/dt><dd>(.*?)<\/dd><\/div>/g)].map((m) => [m[1], m[2]]));
      expect(facts).toMatchObject({
        Source: 'live cluster',
        Context: 'audit-prod',
        'API server': env.server.url,
        'Kubernetes version': 'v1.33.0',
        Platform: 'unknown',
        Profiles: 'cis-1.12',
      });
      expect(run.out).toContain('<title>kaudit report — audit-prod — ');
      const coverage = part(run.out, 'coverage');
      expect(text(coverage)).toMatch(
        /^Coverage: what could not be read This scan could not judge everything: 1 failed read, 94 not assessed \. The identity the scan ran as is not recorded in the JSON report \(version 1\); kaudit preflight with the same credentials lists what they may read and which controls each missing right leaves not assessed\. 1 read failed\. A control that needed this data is not assessed, or fails on the part that was read; it never passes\. Kind Where Inventory key Answer Reason NetworkPolicy namespace legacy networkPolicies HTTP 403 Forbidden: networkpolicies\.networking\.k8s\.io is forbidden: User "kaudit" cannot list resource "networkpolicies" in API group "networking\.k8s\.io" in the namespace "legacy" Controls not assessed, by reason /,
      );
      const report = validReport<ScanResult>(
        (await cli(['scan', '--kubeconfig', env.kubeconfig, '-b', 'cis-1.12', '--checks', 'netpol-namespace-coverage'])).out,
      );
      expect(report.coverage).toHaveLength(1);
      // The control that needed the unreadable data never passes: a check judging missing policies does not
      // judge on partial data (docs/writing-a-check.md, judgesAbsence), and its row names the read that failed.
      const c532 = report.controls[0];
      expect(c532!.status).toBe('not-assessed');
      expect(c532!.reason).toContain('networkPolicies in namespace legacy: 403');
      expect(text(row(run.out, 'cis-1.12', '5.3.2'))).toMatch(
        new RegExp(`^(Not assessed|Fail) 5\\.3\\.2 .*Reason: ${c532!.reason!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
      );
      // The server URL is shown as text, never linked.
      expect(run.out).not.toContain(`href="${env.server.url}`);
    } finally {
      await env.close();
    }
  });
});

describe('html view model', () => {
  const base = (): ScanResult => ({
    reportVersion: 1,
    tool: { name: 'kaudit', version: '9.9.9' },
    scan: {
      startedAt: '2026-03-01T10:00:00.000Z',
      finishedAt: '2026-03-01T10:03:12.400Z',
      durationMs: 192_400,
      source: { type: 'snapshot', inputs: ['prod.json'], kubernetesVersion: 'v1.32.1', platform: 'eks' },
    },
    profiles: ['p1', 'p2'],
    summary: {
      score: null,
      counts: { pass: 0, fail: 0, manual: 1, 'not-applicable': 1, 'not-assessed': 2, waived: 0, error: 0 },
      severities: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
      profiles: [
        {
          id: 'p1',
          title: 'Profile one',
          score: null,
          counts: { pass: 0, fail: 0, manual: 1, 'not-applicable': 1, 'not-assessed': 1, waived: 0, error: 0 },
        },
        {
          id: 'p2',
          title: 'Profile two',
          score: null,
          counts: { pass: 0, fail: 0, manual: 0, 'not-applicable': 0, 'not-assessed': 1, waived: 0, error: 0 },
        },
      ],
      sections: [
        {
          profile: 'p1',
          id: 's/1',
          title: 'First',
          score: null,
          counts: { pass: 0, fail: 0, manual: 1, 'not-applicable': 1, 'not-assessed': 1, waived: 0, error: 0 },
        },
        {
          profile: 'p2',
          id: 'x',
          title: 'Other',
          score: null,
          counts: { pass: 0, fail: 0, manual: 0, 'not-applicable': 0, 'not-assessed': 1, waived: 0, error: 0 },
        },
      ],
    },
    controls: [
      ctl({ profile: 'p1', id: '1.2', section: 's/1', status: 'not-assessed', reason: 'forbidden' }),
      ctl({ profile: 'p1', id: '1.1', section: 's/1', status: 'manual', guidance: 'look' }),
      ctl({ profile: 'p1', id: '1.3', section: 's/1', status: 'not-applicable', reason: 'managed' }),
      ctl({ profile: 'p2', id: 'a b', section: 'x', status: 'not-assessed', reason: 'forbidden' }),
    ],
    coverage: [
      { key: 'pods', kind: 'Pod', namespace: 'a', status: 403, reason: 'Forbidden' },
      { key: 'kubelets', kind: 'Node', node: 'n1', status: null, reason: 'timeout' },
    ],
    exceptions: { applied: [], expired: [], unused: [] },
  });
  function ctl(c: Partial<ControlResult> & Pick<ControlResult, 'profile' | 'id' | 'section' | 'status'>): ControlResult {
    return {
      title: `title ${c.id}`,
      type: 'automated',
      severity: 'medium',
      checks: [],
      objects: { judged: 0, passed: 0 },
      findings: [],
      ...c,
    };
  }

  it('keeps the order of the result and groups by profile and section', () => {
    const v = htmlView(base());
    expect(v.profiles.map((p) => [p.id, p.sections.map((s) => [s.id, s.title, s.controls.map((c) => c.id)])])).toEqual([
      ['p1', [['s/1', 'First', ['1.2', '1.1', '1.3']]]],
      ['p2', [['x', 'Other', ['a b']]]],
    ]);
    expect(v.profiles[1]!.sections[0]!.controls[0]!.anchor).toBe('c-p2-a_b');
    expect(v.sections.map((s) => [s.anchor, s.label])).toEqual([
      ['s-p1-s_1', 'First'],
      ['s-p2-x', 'Other'],
    ]);
    expect(
      htmlView({
        ...base(),
        summary: { ...base().summary, sections: [{ ...base().summary.sections[0]!, id: '5.1', title: 'RBAC' }] },
        controls: [ctl({ profile: 'p1', id: '5.1.1', section: '5.1', status: 'manual' })],
      }).sections[0]!.label,
    ).toBe('5.1 RBAC');
    expect(v.attention).toEqual([]);
    expect(v.notAssessed).toEqual([
      {
        reason: 'forbidden',
        controls: [
          { anchor: 'c-p1-1.2', label: 'p1 1.2' },
          { anchor: 'c-p2-a_b', label: 'p2 a b' },
        ],
      },
    ]);
  });

  it('says n/a and why when nothing could be scored', () => {
    const v = htmlView(base());
    expect(v.score.value).toBe('n/a');
    expect(v.score.explanation).toBe(
      'No control could be scored: the score is the mean over pass, fail and waived controls, and this scan has none (4 controls manual, not applicable, not assessed or in error are counted beside it).',
    );
    expect(v.score.caveat).toBe('2 controls could not be judged (2 not assessed): read the score together with the counts.');
    expect(v.profiles.map((p) => p.score)).toEqual(['n/a', 'n/a']);
  });

  it('formats the header facts, coverage and times', () => {
    const v = htmlView(base());
    expect(v.facts.map((f) => `${f.label}: ${f.value}`)).toEqual([
      'Source: snapshot (offline)',
      'Snapshot: prod.json',
      'Namespaces: all',
      'Kubernetes version: v1.32.1',
      'Platform: eks',
      'Profiles: p1, p2',
      'Started: 2026-03-01 10:00:00 UTC',
      'Finished: 2026-03-01 10:03:12 UTC',
      'Duration: 3 min 12 s',
      'Tool: kaudit 9.9.9 (report version 1)',
    ]);
    expect(v.title).toBe('kaudit report — prod.json — 2026-03-01 10:03:12 UTC');
    expect(v.coverage).toEqual([
      { kind: 'Pod', key: 'pods', where: 'namespace a', status: 'HTTP 403', reason: 'Forbidden' },
      { kind: 'Node', key: 'kubelets', where: 'node n1', status: 'no response', reason: 'timeout' },
    ]);
    expect([0, 999, 1000, 4230, 59_949, 61_000, 3_725_000].map(duration)).toEqual([
      '0 ms',
      '999 ms',
      '1 s',
      '4.2 s',
      '59.9 s',
      '1 min 1 s',
      '1 h 2 min',
    ]);
    expect(utc('not a time')).toBe('not a time');
  });

  it("shows the engine's profile score, and carries findings and waivers", () => {
    const r = base();
    r.summary.profiles[0]!.score = 87.5;
    r.controls = [
      ctl({
        profile: 'p1',
        id: '1',
        section: 's/1',
        status: 'fail',
        score: 50,
        objects: { judged: 2, passed: 1 },
        findings: [
          {
            checkId: 'k',
            status: 'fail',
            severity: 'high',
            resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'n', name: 'd' },
            message: 'm',
            path: '/p',
            observed: 'o',
            expected: 'e',
            podCount: 1,
          },
          {
            checkId: 'k',
            status: 'waived',
            severity: 'high',
            resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'kube-system', name: 'x' },
            message: 'm2',
            system: true,
            waiver: { reason: 'r', entry: 4 },
          },
        ],
      }),
      ctl({ profile: 'p1', id: '2', section: 's/1', status: 'pass', score: 100, objects: { judged: 3, passed: 3 } }),
      ctl({ profile: 'p1', id: '3', section: 's/1', status: 'pass', score: 100 }),
      ctl({
        profile: 'p1',
        id: '5',
        section: 's/1',
        status: 'waived',
        score: 100,
        objects: { judged: 1, passed: 1 },
        findings: [
          {
            checkId: 'k',
            status: 'waived',
            severity: 'low',
            resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'n', name: 'z' },
            message: 'm3',
            podCount: 0,
            waiver: { reason: 'r2', owner: 'o', expires: '2030-01-01', entry: 0 },
          },
        ],
      }),
      ctl({ profile: 'p1', id: '4', section: 's/1', status: 'manual' }),
    ];
    const v = htmlView(r);
    expect(v.profiles[0]!.score).toBe('87.5');
    expect(v.profiles[0]!.sections[0]!.controls[3]!.findings[0]).toMatchObject({
      pods: 'no live pods',
      waiver: { entry: 'exceptions[0]', reason: 'r2', owner: 'o', expires: '2030-01-01' },
    });
    expect(v.profiles[1]).toMatchObject({ id: 'p2', total: 0, score: 'n/a', sections: [] });
    expect(v.attention.map((c) => [c.id, c.attentionAnchor, c.failing, c.waived, c.objects, c.score])).toEqual([
      ['1', 'a-p1-1', 1, 1, '1 of 2 passed', '50'],
    ]);
    expect(v.profiles[0]!.sections[0]!.controls.map((c) => `${c.id} ${c.objects} ${c.score}`)).toEqual([
      '1 1 of 2 passed 50',
      '2 3 of 3 passed 100',
      '3 no object to judge 100',
      '5 1 of 1 passed 100',
      '4 — —',
    ]);
    expect(v.attention[0]!.findings).toEqual([
      {
        checkId: 'k',
        status: 'fail',
        severity: 'high',
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'n',
        name: 'd',
        resource: 'Deployment n/d',
        path: '/p',
        observed: 'o',
        expected: 'e',
        message: 'm',
        podCount: 1,
        pods: '1 pod',
        system: false,
        waiver: undefined,
        ns: 'n',
        also: [],
        repeat: false,
        problemHref: '#w-Deployment-n-d-0',
      },
      {
        checkId: 'k',
        status: 'waived',
        severity: 'high',
        apiVersion: 'v1',
        kind: 'Pod',
        namespace: 'kube-system',
        name: 'x',
        resource: 'Pod kube-system/x',
        path: undefined,
        observed: undefined,
        expected: undefined,
        message: 'm2',
        podCount: undefined,
        pods: undefined,
        system: true,
        waiver: { entry: 'exceptions[4]', reason: 'r', owner: 'not given', expires: 'no expiry' },
        ns: 'kube-system',
        also: [],
        repeat: false,
      },
    ]);
  });
});

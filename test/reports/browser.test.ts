/**
 * The HTML report in a real browser: Debian's Chromium driven by playwright-core (one launch for the
 * file). The demo report opens from disk without a console message, its counts are the JSON's, the
 * filters and the search change what is visible, hostile cluster strings never run, the PDF of the
 * demo is at most 40 A4 pages, and a 20,000-finding report stays under 10 MB and opens (its load time
 * is measured by bench/html-open.ts, not asserted here).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ControlResult, Finding, ScanResult } from '../../src/core/result.js';
import { RENDERERS } from '../../reports/index.js';
import { FINDINGS_PRINTED } from '../../reports/html/view-model.js';
import { CHROMIUM_ARGS, chromiumPath } from '../../reports/pdf.js';
import { demoInventory } from '../../src/demo/inventory.js';
import { loadCatalog } from '../../src/pipeline/registry.js';
import { cli, live } from '../support/live.js';
import { validReport } from '../support/schema.js';

let dir: string;
let browser: Browser;
let demo: ScanResult;
let demoJson: string;
const demoHtml = () => pathToFileURL(join(dir, 'kaudit-demo.html')).href;

/** The demo report as `kaudit demo` makes it (the demo cluster served and scanned through the real client), json and html only. */
async function demoReport(): Promise<void> {
  const cluster = await live({ inventory: demoInventory() }, 'kaudit-demo');
  try {
    const run = await cli([
      'scan',
      '--kubeconfig',
      cluster.kubeconfig,
      ...loadCatalog().profiles.flatMap((p) => ['-b', p.id]),
      '-f',
      'json',
    ]);
    expect(run.code).toBe(0);
    demoJson = run.out;
  } finally {
    await cluster.close();
  }
  demo = validReport<ScanResult>(demoJson);
  writeFileSync(join(dir, 'kaudit-demo.json'), demoJson);
  // As the auditor gets it: rendered from the saved JSON report, which it names by its sha256.
  const html = await cli(['report', join(dir, 'kaudit-demo.json'), '-o', join(dir, 'kaudit-demo.html')]);
  expect(html.code).toBe(0);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kaudit-browser-'));
  [browser] = await Promise.all([chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS }), demoReport()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A page that records every console message, page error and dialog. */
async function open(url: string): Promise<{ page: Page; events: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const events: string[] = [];
  page.on('console', (m) => events.push(`console ${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => events.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    events.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (r.url() !== url) events.push(`request: ${r.url()}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, events };
}

const failingFindings = (r: ScanResult): Finding[] => r.controls.flatMap((c) => c.findings.filter((f) => f.status === 'fail'));
const problemKey = (f: Finding) => `${f.resource.kind}/${f.resource.namespace ?? ''}/${f.resource.name}|${f.path ?? ''}|${f.checkId}`;
/** Elements rendered (not inside anything hidden by the filters). */
const visible = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((els) => els.filter((e) => e.getClientRects().length > 0).length);

describe('the demo report in Chromium', () => {
  it('opens from disk without a console message or a request, and shows the counts of the JSON report', async () => {
    const { page, events } = await open(demoHtml());
    try {
      const shot = await page.screenshot({ path: join(dir, 'demo.png') });
      expect(shot.subarray(1, 4).toString()).toBe('PNG');
      expect(statSync(join(dir, 'demo.png')).size).toBeGreaterThan(20_000);
      // The filters appear only with the script running; the page's CSP let it run.
      expect(await page.locator('#filters').isVisible()).toBe(true);

      const statuses = await page
        .locator('#status-counts li')
        .evaluateAll((els) => els.map((e) => [e.getAttribute('data-status'), Number(e.querySelector('.n')!.textContent)]));
      expect(Object.fromEntries(statuses)).toEqual(demo.summary.counts);
      const severities = await page
        .locator('#severity-counts li')
        .evaluateAll((els) => els.map((e) => [e.getAttribute('data-severity'), Number(e.querySelector('.n')!.textContent)]));
      expect(Object.fromEntries(severities)).toEqual(demo.summary.severities);
      const failing = failingFindings(demo);
      expect(failing.length).toBeGreaterThan(0);
      expect(Number(await page.locator('#failing-total').textContent())).toBe(failing.length);
      // One finding, one place: the same resource, field and check failing under several profiles is one problem, listed once.
      const problems = new Set(failing.map(problemKey)).size;
      expect(problems).toBeLessThan(failing.length);
      expect(Number(await page.locator('#problem-total').textContent())).toBe(problems);
      expect(await page.locator('#workloads table.problems tr').count()).toBe(problems);
      expect(
        await page
          .locator('#namespace-table tbody tr')
          .evaluateAll((rows) => rows.reduce((n, r) => n + Number(r.children[3].textContent), 0)),
      ).toBe(failing.length);
      // A privileged container: once, under its DaemonSet, naming the three controls it fails.
      const calico = page
        .locator('#workloads tr', { hasText: 'initContainers/0/securityContext/privileged' })
        .filter({ hasText: 'CIS 5.2.2' });
      expect(await calico.count()).toBe(1);
      expect((await calico.locator('.ctl-list').textContent())!.trim()).toBe(
        'CIS 5.2.2 · PSS baseline privileged · PSS restricted privileged',
      );
      // The coverage link counts not-assessed controls too.
      expect(await page.locator('#toc-coverage').textContent()).toBe(
        `Coverage (0 failed reads, ${demo.summary.counts['not-assessed']} not assessed)`,
      );
      // The digest is the sha256 of the JSON report it was rendered from.
      expect(await page.locator('#digest').textContent()).toBe(createHash('sha256').update(demoJson).digest('hex'));
      expect(events).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('filters by status, severity, profile and namespace, and searches, without a server', async () => {
    const { page, events } = await open(demoHtml());
    try {
      const attention = '#attention details.control';
      const workloads = '#workloads article.workload';
      const rows = '#controls tr[id^="c-"]';
      expect(await visible(page, rows)).toBe(demo.controls.length);
      await page.selectOption('#filters select[name=st]', 'not-assessed');
      expect(await visible(page, rows)).toBe(demo.summary.counts['not-assessed']);
      expect(await page.locator('#controls output.shown').textContent()).toBe(
        `${demo.summary.counts['not-assessed']} of ${demo.controls.length + (await page.locator('#controls tr.sub-row').count())} shown`,
      );

      await page.selectOption('#filters select[name=st]', '');
      await page.selectOption('#filters select[name=prof]', 'pss-restricted');
      await page.selectOption('#filters select[name=sev]', 'high');
      const expected = demo.controls.filter((c) => c.status === 'fail' && c.profile === 'pss-restricted' && c.severity === 'high');
      expect(await visible(page, attention)).toBe(expected.length);
      expect(
        await page
          .locator(attention)
          .evaluateAll((els) => els.filter((e) => !e.closest('[hidden]')).map((e) => e.querySelector('.cid')!.textContent)),
      ).toEqual(expected.map((c) => `${c.profile} ${c.id}`));

      await page.click('#filters button[type=reset]');
      await page.selectOption('#filters select[name=ns]', 'payments');
      const inPayments = new Set(
        failingFindings(demo)
          .filter((f) => f.resource.namespace === 'payments' || (f.resource.kind === 'Namespace' && f.resource.name === 'payments'))
          .map((f) => `${f.resource.kind}/${f.resource.name}`),
      );
      expect(inPayments.size).toBeGreaterThan(0);
      expect(await visible(page, workloads)).toBe(inPayments.size);
      // Under Needs attention, only payments' evidence rows stay, and controls without any are hidden.
      const withPayments = demo.controls.filter(
        (c) =>
          c.status === 'fail' &&
          c.findings
            .slice(0, 50)
            .some((f) => f.resource.namespace === 'payments' || (f.resource.kind === 'Namespace' && f.resource.name === 'payments')),
      );
      expect(await visible(page, attention)).toBe(withPayments.length);

      await page.click('#filters button[type=reset]');
      await page.fill('#filters input[name=q]', 'calico-node');
      // The DaemonSet, and objects whose evidence names it (its service account's bindings).
      expect(
        await page
          .locator(workloads)
          .evaluateAll((els) => els.filter((e) => e.getClientRects().length > 0).map((e) => e.textContent!.includes('calico-node'))),
      ).not.toContain(false);
      expect(await visible(page, workloads)).toBeGreaterThanOrEqual(1);
      // A finding row matches when any of its text names calico-node: the object, or its message and evidence.
      const names = (f: Finding) => [f.resource.name, f.message, f.path, f.observed, f.expected].some((t) => t?.includes('calico-node'));
      const onCalico = demo.controls.filter((c) => c.status === 'fail' && c.findings.slice(0, 50).some(names));
      expect(await visible(page, attention)).toBe(onCalico.length);
      expect(await visible(page, `${attention} tr.finding`)).toBe(
        onCalico.reduce((n, c) => n + c.findings.slice(0, 50).filter(names).length, 0),
      );
      await page.fill('#filters input[name=q]', '');
      expect(await visible(page, attention)).toBe(demo.controls.filter((c) => c.status === 'fail' || c.status === 'error').length);
      expect(events).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('prints the demo (every shipped profile, as `kaudit demo` scans it) to a PDF of at most 40 A4 pages through `kaudit report -f pdf`', async () => {
    const pdf = join(dir, 'kaudit-demo.pdf');
    const run = await cli(['report', join(dir, 'kaudit-demo.json'), '-f', 'pdf', '-o', pdf]);
    expect(run).toMatchObject({ code: 0, err: `kaudit: report written to ${pdf}\n` });
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pdfPages(bytes);
    expect(pages).toBeGreaterThanOrEqual(20);
    expect(pages).toBeLessThanOrEqual(40);
    // Every page is A4 portrait (595 x 842 pt).
    expect(bytes.toString('latin1').match(/\/MediaBox \[[^\]]*\]/g)).toEqual(
      Array(pages).fill(expect.stringMatching(/\/MediaBox \[0 0 594\.\d+ 841\.\d+\]/)),
    );
    // Without Chromium: one line naming the package, exit 2, no file.
    const none = join(dir, 'none.pdf');
    process.env.KAUDIT_CHROMIUM = join(dir, 'no-chromium');
    try {
      const missing = await cli(['report', join(dir, 'kaudit-demo.json'), '-f', 'pdf', '-o', none]);
      expect(missing).toEqual({
        code: 2,
        out: '',
        err: `kaudit: -f pdf prints the report with Chromium, and KAUDIT_CHROMIUM=${join(dir, 'no-chromium')} is not an executable file: install the package chromium (Debian/Ubuntu: apt-get install chromium) or set KAUDIT_CHROMIUM to a Chromium binary\n`,
      });
    } finally {
      delete process.env.KAUDIT_CHROMIUM;
    }
    expect(() => statSync(none)).toThrow();
  }, 90_000);
});

/** Page objects of a PDF (Chromium writes them uncompressed: `/Type /Page`, not `/Pages`). */
const pdfPages = (pdf: Buffer): number => pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;

describe('hostile cluster strings in Chromium', () => {
  it('never run: names, labels, annotations and images are text', async () => {
    const xss = `<img src=x onerror="document.title='pwned';alert(1)">`;
    const breaker = `</script><script>document.title='pwned';alert(2)</script>`;
    const attr = `" onmouseover="alert(3)" x="' autofocus onfocus='alert(4)'`;
    const manifests = `apiVersion: v1
kind: Namespace
metadata:
  name: hostile
  labels: {team: '${breaker.replace(/'/g, "''")}'}
  annotations: {note: '${attr.replace(/'/g, "''")}'}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: hostile
  labels: {app: '${xss.replace(/'/g, "''")}'}
  annotations: {a: '${breaker.replace(/'/g, "''")}'}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: '${attr.replace(/'/g, "''")}', image: 'registry.example/${xss.replace(/'/g, "''")}:latest', securityContext: {privileged: true}, env: [{name: '${breaker.replace(/'/g, "''")}', value: x}]}]}
`;
    const file = join(dir, 'hostile.yaml');
    writeFileSync(file, manifests);
    const run = await cli(['scan', '--manifests', file, '-b', 'pss-restricted', '-b', 'kaudit-workloads', '-b', 'cis-1.12', '-f', 'json']);
    expect(run.code).toBe(0);
    const result = validReport<ScanResult>(run.out);
    const html = join(dir, 'hostile.html');
    writeFileSync(html, RENDERERS.html.render(result));
    const messages = failingFindings(result).map((f) => f.message);
    expect(messages.some((m) => m.includes(xss))).toBe(true);
    expect(messages.some((m) => m.includes(attr))).toBe(true);

    const { page, events } = await open(pathToFileURL(html).href);
    try {
      const title = await page.title();
      expect(title).toMatch(/^kaudit report — .*hostile\.yaml — \d{4}-/);
      // Interact: focus, hover and search, as a reader would.
      await page.hover('#workloads');
      await page.fill('#filters input[name=q]', 'onerror');
      await page.keyboard.press('Tab');
      expect(await page.title()).toBe(title);
      expect(await page.locator('img, iframe, object, embed').count()).toBe(0);
      expect(await page.locator('script').count()).toBe(1);
      expect(await page.locator('[onerror], [onmouseover], [onfocus]').count()).toBe(0);
      // The strings are there, as text.
      expect(await page.locator('#workloads').textContent()).toContain(xss);
      expect(await page.locator('#attention').textContent()).toContain(attr);
      expect(events).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('a 20,000-finding report', () => {
  it('stays under 10 MB, opens with the counts of its JSON, and says how many more findings each control has', async () => {
    const result = largeResult(20_000);
    const html = join(dir, 'large.html');
    writeFileSync(html, RENDERERS.html.render(result));
    const size = statSync(html).size;
    expect(size).toBeLessThan(10 * 1024 * 1024);
    const { page, events } = await open(pathToFileURL(html).href);
    try {
      expect(Number(await page.locator('#failing-total').textContent())).toBe(20_000);
      // Each control: the first 50 findings, then how many more the JSON lists.
      expect(await page.locator('#attention tr.finding').count()).toBe(4 * 50);
      expect(await page.locator('#attention p.more').allTextContents()).toEqual(
        Array(4).fill('… and 4950 more findings of this control: see the JSON report (--format json), which lists every finding.'),
      );
      expect(await page.locator('#attention tr.finding:visible').count()).toBe(4 * 50);
      expect(await page.locator('#attention p.print-more:visible').count()).toBe(0);
      // On paper: the first FINDINGS_PRINTED of each control, and one line counting the rest instead.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('#attention tr.finding:visible').count()).toBe(4 * FINDINGS_PRINTED);
      expect(await page.locator('#attention p.more:visible').count()).toBe(0);
      expect(await page.locator('#attention p.print-more:visible').allTextContents()).toEqual(
        Array(4).fill(
          `… and ${5000 - FINDINGS_PRINTED} more findings of this control not printed: the HTML report shows the first 50 of each control, the JSON report (--format json) every finding.`,
        ),
      );
      expect(events).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});

/** Four failing controls of 5,000 findings each, on 5,000 Deployments in 250 namespaces. */
function largeResult(findings: number): ScanResult {
  const perControl = findings / 4;
  const control = (i: number): ControlResult => ({
    profile: 'cis-1.12',
    id: `5.2.${i + 1}`,
    title: `control ${i + 1}`,
    section: '5.2',
    type: 'automated',
    severity: (['critical', 'high', 'medium', 'low'] as const)[i]!,
    status: 'fail',
    checks: [`check-${i}`],
    objects: { judged: perControl, passed: 0 },
    score: 0,
    remediation: ['fix it'],
    findings: Array.from({ length: perControl }, (_, n) => ({
      checkId: `check-${i}`,
      status: 'fail' as const,
      severity: (['critical', 'high', 'medium', 'low'] as const)[i]!,
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: `team-${n % 250}`, name: `app-${n}` },
      path: '/spec/template/spec/containers/0/securityContext',
      message: `container app of app-${n} breaks rule ${i + 1}`,
      observed: 'unset',
      expected: 'set',
      podCount: 4,
    })),
  });
  const controls = [0, 1, 2, 3].map(control);
  const counts = { pass: 0, fail: 4, manual: 0, 'not-applicable': 0, 'not-assessed': 0, waived: 0, error: 0 };
  return {
    reportVersion: 1,
    tool: { name: 'kaudit', version: '0.0.0' },
    scan: {
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:01:00.000Z',
      durationMs: 60_000,
      source: { type: 'snapshot', inputs: ['large.json'], platform: 'kubeadm' },
    },
    profiles: ['cis-1.12'],
    summary: {
      score: 0,
      counts,
      severities: { critical: perControl, high: perControl, medium: perControl, low: perControl, info: 0 },
      profiles: [{ id: 'cis-1.12', title: 'CIS', score: 0, counts }],
      sections: [{ profile: 'cis-1.12', id: '5.2', title: 'Pod Security Standards', score: 0, counts }],
    },
    controls,
    coverage: [],
    exceptions: { applied: [], expired: [], unused: [] },
  };
}

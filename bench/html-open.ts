/**
 * What the HTML report of a large scan costs to open: render a JSON report to HTML with the built
 * CLI (`kaudit report FILE -f html`), then open the file in headless Chromium (Debian's chromium
 * through playwright-core, as the browser tests do) `--runs` times, each in a fresh page, and time
 * `goto(file://…, waitUntil: 'load')`: parsing, style, layout and the filter script. Optionally the
 * PDF (`--pdf`): its pages and the time to print it.
 *
 *   node dist/bench/synthetic.js --pods 20000 --out /tmp/syn.json
 *   node bin/kaudit.js scan --snapshot /tmp/syn.json -b cis-1.12 -b pss-baseline -b pss-restricted -b kaudit-workloads -o /tmp/r20k.json
 *   node dist/bench/html-open.js --report /tmp/r20k.json --runs 5 --pdf
 *
 * One JSON line: report and HTML sizes, render ms, load ms per run and their median, PDF pages and ms.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { packageRoot } from '../src/io/package-root.js';
import { CHROMIUM_ARGS, chromiumPath } from '../reports/pdf.js';
import { checkFlags, emit, intFlag, isMain, median, parseArgs, runMain, stringFlag } from './common.js';

const mib = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 100) / 100;

async function main(): Promise<void> {
  const flags = parseArgs(process.argv.slice(2));
  checkFlags(flags, ['report', 'runs', 'pdf']);
  const report = stringFlag(flags, 'report');
  if (!report) throw new Error('--report FILE (a JSON report) is required');
  const runs = intFlag(flags, 'runs', 5);
  const dir = mkdtempSync(join(tmpdir(), 'kaudit-html-open-'));
  try {
    const html = join(dir, 'report.html');
    const cli = join(packageRoot(), 'bin', 'kaudit.js');
    const render = (format: string, out: string): number => {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [cli, 'report', report, '-f', format, '-o', out], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`kaudit report -f ${format} exited ${r.status}: ${r.stderr}`);
      return Math.round(performance.now() - t0);
    };
    const renderMs = render('html', html);
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    const loadMs: number[] = [];
    try {
      for (let i = 0; i < runs; i++) {
        const page = await browser.newPage();
        const t0 = performance.now();
        await page.goto(pathToFileURL(html).href, { waitUntil: 'load', timeout: 120_000 });
        loadMs.push(Math.round(performance.now() - t0));
        await page.close();
      }
    } finally {
      await browser.close();
    }
    let pdf: { pages: number; ms: number; mib: number } | undefined;
    if (flags.pdf) {
      const file = join(dir, 'report.pdf');
      const ms = render('pdf', file);
      const bytes = readFileSync(file);
      pdf = { pages: bytes.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0, ms, mib: mib(bytes.length) };
    }
    emit({ reportMiB: mib(statSync(report).size), htmlMiB: mib(statSync(html).size), renderMs, loadMs, medianLoadMs: median(loadMs), pdf });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) runMain(main);

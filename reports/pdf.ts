/**
 * PDF report: the HTML report printed by the system's Chromium, driven by playwright-core (the
 * browser-automation library without bundled browsers: kaudit never downloads one). The page's print
 * stylesheet decides the layout (A4, page headers with cluster and date, page numbers), so the PDF
 * and a browser's "Print" give the same document. Without Chromium: one line naming the package to
 * install (exit 2).
 */
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../src/core/errors.js';
import { writeFileChunks } from '../src/io/output.js';
import type { ScanResult } from '../src/core/result.js';
import { htmlChunks } from './html.js';
import type { RenderOptions } from './render-options.js';

/** Where Debian and most distributions put Chromium; KAUDIT_CHROMIUM names another binary (and only it). */
const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** Headless without a sandbox (containers, root in CI), and nothing that phones home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A large report takes a while to lay out on a busy machine. */
const PAGE_TIMEOUT_MS = 180_000;

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const given = env.KAUDIT_CHROMIUM;
  const found = (given ? [given] : CHROMIUM_PATHS).find(isExecutable);
  if (found) return found;
  throw new UsageError(
    `-f pdf prints the report with Chromium, and ${given ? `KAUDIT_CHROMIUM=${given} is not an executable file` : 'none is installed'}: install the package chromium (Debian/Ubuntu: apt-get install chromium) or set KAUDIT_CHROMIUM to a Chromium binary`,
  );
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The PDF as one chunk of bytes (the CLI writes it to --output or stdout). */
export async function* pdfChunks(result: ScanResult, options: RenderOptions = {}): AsyncGenerator<Uint8Array> {
  const executablePath = chromiumPath();
  const dir = mkdtempSync(join(tmpdir(), 'kaudit-pdf-'));
  try {
    // From a file, not page.setContent: a large page is not sent through the DevTools protocol as one string.
    const html = join(dir, 'report.html');
    await writeFileChunks(html, htmlChunks(result, options), 'pdf');
    const { chromium } = await import('playwright-core');
    let browser;
    try {
      browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: PAGE_TIMEOUT_MS });
    } catch (err) {
      throw new UsageError(`-f pdf: Chromium (${executablePath}) did not start: ${(err as Error).message.split('\n')[0]}`);
    }
    try {
      const page = await browser.newPage();
      page.setDefaultTimeout(PAGE_TIMEOUT_MS);
      await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
      yield await page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true });
    } finally {
      await browser.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The page's own style and script, read from the package once, and the Content-Security-Policy that
 * allows exactly them: inline blocks are allowed by their sha256, nothing else may load or run (no
 * network, no other script, no inline event handler, no style attribute).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/io/package-root.js';

export interface PageAssets {
  css: string;
  script: string;
  scriptHash: string;
  cssHash: string;
}

let loaded: PageAssets | undefined;

export const cspHash = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

export function pageAssets(): PageAssets {
  if (!loaded) {
    const dir = join(packageRoot(), 'reports', 'html');
    const css = readFileSync(join(dir, 'report.css'), 'utf8');
    const script = readFileSync(join(dir, 'filter.js'), 'utf8');
    loaded = { css, script, cssHash: cspHash(css), scriptHash: cspHash(script) };
  }
  return loaded;
}

/** The policy for a page whose inline styles are `styles` (the shared sheet plus the page's own @page rules). */
export function contentSecurityPolicy(styles: string[], script: string): string {
  return [
    "default-src 'none'",
    `style-src ${styles.map(cspHash).join(' ')}`,
    `script-src ${cspHash(script)}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** A CSS string literal: quotes, backslashes, newlines and '<' as escapes, so no cluster text ends the rule or the <style>. */
export function cssString(text: string): string {
  return `"${[...text].map((ch) => (/[A-Za-z0-9 .,:/_()+-]/.test(ch) ? ch : `\\${ch.codePointAt(0)!.toString(16)} `)).join('')}"`;
}

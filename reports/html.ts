/**
 * Self-contained HTML report: reports/html/report.ejs rendered over the view model of
 * reports/html/view-model.ts. The template is read from the package and compiled once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ejs from 'ejs';
import { packageRoot } from '../src/core/package-root.js';
import type { ScanResult } from '../src/core/result.js';
import { htmlView } from './html/view-model.js';

let compiled: ejs.TemplateFunction | undefined;

function template(): ejs.TemplateFunction {
  if (!compiled) {
    const file = join(packageRoot(), 'reports', 'html', 'report.ejs');
    // strict + no `with`: the template reads only `v`, the view model; escaping is EJS's default.
    compiled = ejs.compile(readFileSync(file, 'utf8'), { filename: file, strict: true, _with: false, localsName: 'v' });
  }
  return compiled;
}

export function renderHtml(result: ScanResult): string {
  return template()(htmlView(result));
}

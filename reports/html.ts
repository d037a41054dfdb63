/**
 * Self-contained HTML report, the audit document: reports/html/report.ejs rendered over the view
 * model of reports/html/view-model.ts. The template is read from the package and compiled once, and
 * rendered in parts (page start with cover and summary, each control needing attention, each
 * namespace and workload, each profile and section, page end), so the page is written piece by
 * piece and no part grows with the number of findings (each control shows at most FINDINGS_SHOWN,
 * the per-workload view at most WORKLOAD_ROWS_SHOWN problems in all).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ejs from 'ejs';
import { packageRoot } from '../src/io/package-root.js';
import type { NamespaceIsolation, ScanResult } from '../src/core/result.js';
import type { RenderOptions } from './render-options.js';
import {
  htmlView,
  type ControlView,
  type HtmlView,
  type NamespaceView,
  type ProfileView,
  type SectionView,
  type WorkloadView,
} from './html/view-model.js';

type Part =
  | { name: 'start' | 'namespaces' | 'workloads' | 'controls' | 'profile-end' | 'end' }
  | { name: 'namespace-rows'; namespaces: NamespaceView[] }
  | { name: 'attention'; control: ControlView }
  | { name: 'namespace' | 'namespace-end'; namespace: NamespaceView }
  | { name: 'workload'; workload: WorkloadView }
  | { name: 'profile'; profile: ProfileView }
  | { name: 'section'; section: SectionView }
  /** The network isolation section (reports/html/network.ejs), its rows per part as the namespace table's. */
  | { name: 'workloads-end' | 'network' | 'network-end' }
  | { name: 'network-rows'; rows: NamespaceIsolation[] };

/** Namespace table rows rendered per part: a cluster may have thousands of namespaces. */
const ROWS_PER_PART = 100;

let compiled: ((locals: { v: HtmlView; part: Part }) => string) | undefined;

function template(): (locals: { v: HtmlView; part: Part }) => string {
  if (!compiled) {
    const file = join(packageRoot(), 'reports', 'html', 'report.ejs');
    // strict + no `with`: the template reads only `v`, the view model, and `part`; escaping is EJS's default.
    compiled = ejs.compile(readFileSync(file, 'utf8'), {
      filename: file,
      strict: true,
      _with: false,
      localsName: 'locals',
      destructuredLocals: ['v', 'part'],
    });
  }
  return compiled;
}

export function* htmlChunks(result: ScanResult, options: RenderOptions = {}): Generator<string> {
  const v = htmlView(result, options.jsonReport);
  const render = template();
  yield render({ v, part: { name: 'start' } });
  for (const control of v.attention) yield render({ v, part: { name: 'attention', control } });
  yield render({ v, part: { name: 'namespaces' } });
  for (let i = 0; i < v.namespaces.length; i += ROWS_PER_PART)
    yield render({ v, part: { name: 'namespace-rows', namespaces: v.namespaces.slice(i, i + ROWS_PER_PART) } });
  yield render({ v, part: { name: 'workloads' } });
  for (const namespace of v.namespaces) {
    if (!namespace.shown.length && !namespace.hiddenWorkloads) continue;
    yield render({ v, part: { name: 'namespace', namespace } });
    for (const workload of namespace.shown) yield render({ v, part: { name: 'workload', workload } });
    yield render({ v, part: { name: 'namespace-end', namespace } });
  }
  yield render({ v, part: { name: 'workloads-end' } });
  if (v.network) {
    yield render({ v, part: { name: 'network' } });
    for (let i = 0; i < v.network.namespaces.length; i += ROWS_PER_PART)
      yield render({ v, part: { name: 'network-rows', rows: v.network.namespaces.slice(i, i + ROWS_PER_PART) } });
    yield render({ v, part: { name: 'network-end' } });
  }
  yield render({ v, part: { name: 'controls' } });
  for (const profile of v.profiles) {
    yield render({ v, part: { name: 'profile', profile } });
    for (const section of profile.sections) yield render({ v, part: { name: 'section', section } });
    yield render({ v, part: { name: 'profile-end' } });
  }
  yield render({ v, part: { name: 'end' } });
}

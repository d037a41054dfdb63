/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`, e.g. `bench/run.js --cpu-prof`): where the
 * time went, by area (GC, JSON, TLS, src/, checks/, node_modules/<pkg>) and by function, self and
 * inclusive, with dist/*.js positions mapped back to the .ts source through the build's source maps.
 *
 *   node dist/bench/cpuprofile.js FILE.cpuprofile [--top 25] [--json]
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../src/io/package-root.js';
import { mustExist } from '../src/core/errors.js';
import { checkFlags, intFlag, isMain, parseArgs, runMain } from './common.js';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface HotSpot {
  where: string;
  functionName: string;
  area: string;
  selfMs: number;
  totalMs: number;
}

export interface ProfileSummary {
  totalMs: number;
  areas: { area: string; selfMs: number }[];
  bySelf: HotSpot[];
  byTotal: HotSpot[];
}

const root = packageRoot();
const maps = new Map<string, SourceMap | null>();

function sourceMapFor(file: string): SourceMap | null {
  if (!maps.has(file)) {
    const mapFile = `${file}.map`;
    maps.set(file, existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')) as SourceMapPayload) : null);
  }
  return maps.get(file)!;
}

/** `src/x.ts:12` for our compiled code (1-based line), the URL's tail otherwise. */
function locate(frame: CallFrame): { where: string; area: string } {
  const { url, lineNumber, columnNumber, functionName } = frame;
  if (!url) {
    const special = functionName.startsWith('(') ? functionName : '(native)';
    return {
      where: special,
      area:
        special === '(garbage collector)'
          ? 'GC'
          : special === '(idle)'
            ? 'idle'
            : special === '(program)'
              ? 'V8 / native (program)'
              : 'native',
    };
  }
  if (url.startsWith('node:')) return { where: `${url}:${lineNumber + 1}`, area: nodeArea(url) };
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  const rel = relative(root, file);
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(rel)?.[1];
  if (pkg)
    return { where: `${pkg}/${rel.slice(rel.lastIndexOf(`${pkg}/`) + pkg.length + 1)}:${lineNumber + 1}`, area: `node_modules/${pkg}` };
  const map = rel.startsWith('dist/') ? sourceMapFor(file) : null;
  const entry = map?.findEntry(lineNumber, columnNumber) as { originalSource?: string; originalLine?: number } | undefined;
  if (entry?.originalSource !== undefined && entry.originalLine !== undefined) {
    const source = relative(root, resolve(dirname(file), entry.originalSource.replace(/^file:\/\//, '')));
    return {
      where: `${source}:${entry.originalLine + 1}`,
      area: source
        .split('/')
        .slice(0, source.startsWith('checks/_shared') ? 2 : source.startsWith('src/') ? 2 : 1)
        .join('/'),
    };
  }
  return { where: `${rel}:${lineNumber + 1}`, area: rel.split('/')[0] ?? '' };
}

function nodeArea(url: string): string {
  if (/tls|_tls_|net|stream|http/.test(url)) return 'node: net/tls/streams';
  if (/buffer|string_decoder|util/.test(url)) return 'node: buffer/util';
  return 'node: other';
}

export function summarize(profile: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const located = new Map<number, { key: string; where: string; area: string; fn: string }>();
  const locOf = (id: number) => {
    let l = located.get(id);
    if (!l) {
      const frame = byId.get(id)!.callFrame;
      const { where, area } = locate(frame);
      // Built-ins such as JSON.parse have no URL: name them by function.
      const fn = frame.functionName || '(anonymous)';
      const special = !frame.url && !fn.startsWith('(');
      l = {
        key: `${fn}@${where}`,
        where: special ? `(native ${fn})` : where,
        area: special ? (/JSON/.test(fn) ? 'JSON (native)' : `native ${fn}`) : area,
        fn,
      };
      located.set(id, l);
    }
    return l;
  };

  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const areas = new Map<string, number>();
  const info = new Map<string, { where: string; area: string; fn: string }>();
  let totalUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    // timeDeltas[i + 1] is the time until the next sample: the time this sample stands for.
    const us = profile.timeDeltas[i + 1] ?? 0;
    if (us <= 0) continue;
    totalUs += us;
    const leaf = locOf(mustExist(profile.samples[i], `sample ${i}`));
    info.set(leaf.key, leaf);
    self.set(leaf.key, (self.get(leaf.key) ?? 0) + us);
    areas.set(leaf.area, (areas.get(leaf.area) ?? 0) + us);
    const seen = new Set<string>();
    for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const l = locOf(id);
      if (l.fn === '(root)' || seen.has(l.key)) continue;
      seen.add(l.key);
      info.set(l.key, l);
      total.set(l.key, (total.get(l.key) ?? 0) + us);
    }
  }
  const ms = (us: number): number => Math.round(us / 100) / 10;
  const spot = (key: string): HotSpot => ({
    where: info.get(key)!.where,
    functionName: info.get(key)!.fn,
    area: info.get(key)!.area,
    selfMs: ms(self.get(key) ?? 0),
    totalMs: ms(total.get(key) ?? 0),
  });
  const rank = (m: Map<string, number>): HotSpot[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key]) => spot(key));
  return {
    totalMs: ms(totalUs),
    areas: [...areas.entries()].sort((a, b) => b[1] - a[1]).map(([area, us]) => ({ area, selfMs: ms(us) })),
    bySelf: rank(self),
    byTotal: rank(
      new Map([...total.entries()].filter(([key]) => !['(program)', '(idle)', '(garbage collector)'].includes(info.get(key)!.fn))),
    ),
  };
}

function print(s: ProfileSummary): string {
  const pct = (v: number): string => `${((v / s.totalMs) * 100).toFixed(1)}%`.padStart(6);
  const out = [`sampled ${s.totalMs} ms`, '', 'self time by area:'];
  for (const a of s.areas) out.push(`  ${String(a.selfMs).padStart(8)} ms ${pct(a.selfMs)}  ${a.area}`);
  out.push('', 'self time by function:');
  for (const h of s.bySelf) out.push(`  ${String(h.selfMs).padStart(8)} ms ${pct(h.selfMs)}  ${h.functionName}  ${h.where}`);
  out.push('', 'inclusive time by function (each function once per stack):');
  for (const h of s.byTotal) out.push(`  ${String(h.totalMs).padStart(8)} ms ${pct(h.totalMs)}  ${h.functionName}  ${h.where}`);
  return out.join('\n') + '\n';
}

if (isMain(import.meta.url)) {
  runMain(async () => {
    const argv = process.argv.slice(2);
    const file = argv.shift();
    if (!file || file.startsWith('--')) throw new Error('usage: cpuprofile.js FILE.cpuprofile [--top 25] [--json]');
    const flags = parseArgs(argv);
    checkFlags(flags, ['top', 'json']);
    const summary = summarize(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, intFlag(flags, 'top', 25));
    process.stdout.write(flags.json ? JSON.stringify(summary, null, 2) + '\n' : print(summary));
  });
}

/**
 * What `kaudit scan --manifests` costs on large inputs: generates a manifest set of about --mb
 * megabytes from the synthetic cluster (bench/synthetic.ts), scans it with the built CLI in a fresh
 * process and prints wall time, peak RSS and the exit line.
 *
 *   npm run build && node dist/bench/manifests.js --mb 10,50,200            # YAML documents
 *   node dist/bench/manifests.js --mb 200 --json                             # pods as one `kubectl get -o json` List
 *   node dist/bench/manifests.js --mb 200 --one-file                         # everything in one file, as helm template prints it
 *   node dist/bench/manifests.js --mb 50 --cli /path/to/other/bin/kaudit.js  # another build (before/after)
 *
 * The set is a directory: one multi-document YAML file per kind (pods split into files of about
 * 16 MB), KubeletConfiguration documents, and with --json the pods in one pretty-printed List as
 * kubectl prints it. With --one-file, everything is in one multi-document YAML file, or one JSON List.
 * Sets are kept under --dir (default the OS temp dir) and reused.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RESOURCE_KEYS } from '../src/core/resources.js';
import { packageRoot } from '../src/io/package-root.js';
import { checkFlags, isMain, parseArgs, runMain, stringFlag } from './common.js';
import { shippedProfileIds } from './reads.js';
import { syntheticInventory } from './synthetic.js';

const MB = 1_000_000;
/** A pod and its share of the other kinds as block YAML (measured: 13.3 MB at 1,111 pods); corrected per set. */
const BYTES_PER_POD = 12_000;
const POD_FILE_BYTES = 16 * MB;

/** yaml: multi-document files; json: pods as one List. oneFile: everything in one file (one List for json). */
interface Layout {
  format: 'yaml' | 'json';
  oneFile: boolean;
}

export interface ManifestRun {
  mb: number;
  set: string;
  bytes: number;
  exit: number | string | null;
  wallS: number;
  peakRssMiB: number;
  stderr: string;
}

async function main(): Promise<void> {
  const flags = parseArgs(process.argv.slice(2));
  checkFlags(flags, ['mb', 'json', 'one-file', 'cli', 'dir']);
  const sizes = (stringFlag(flags, 'mb') ?? '10,50,200').split(',').map(Number);
  if (sizes.some((n) => !Number.isFinite(n) || n <= 0)) throw new Error('--mb: expected sizes in MB, comma-separated');
  const layout: Layout = { format: flags.json ? 'json' : 'yaml', oneFile: Boolean(flags['one-file']) };
  const name = `${layout.format}${layout.oneFile ? '-one-file' : ''}`;
  const cli = stringFlag(flags, 'cli') ?? join(packageRoot(), 'bin', 'kaudit.js');
  const base = stringFlag(flags, 'dir') ?? join(tmpdir(), 'kaudit-bench-manifests');
  const runs: ManifestRun[] = [];
  for (const mb of sizes) {
    const dir = join(base, `${name}-${mb}mb`);
    if (!existsSync(join(dir, '.complete'))) generateSet(dir, mb, layout);
    const run = await scan(cli, dir, mb, name);
    runs.push(run);
    process.stderr.write(`${mb} MB ${name}: exit ${run.exit}, ${run.wallS} s, peak RSS ${run.peakRssMiB} MiB\n`);
  }
  process.stdout.write(table(runs, cli));
}

/**
 * Writes about `mb` megabytes of manifests into `dir` (deterministic: the synthetic cluster's seed).
 * The pod count is estimated, then corrected once from the size written.
 */
export function generateSet(dir: string, mb: number, layout: Layout): void {
  const pods = Math.max(100, Math.round((mb * MB) / BYTES_PER_POD));
  const bytes = writeSet(dir, pods, layout);
  if (Math.abs(bytes - mb * MB) > 0.05 * mb * MB) writeSet(dir, Math.round((pods * mb * MB) / bytes), layout);
  writeDocuments(join(dir, '.complete'), []);
}

function writeSet(dir: string, pods: number, { format, oneFile }: Layout): number {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const inv = syntheticInventory({ pods });
  const kubelets = inv.kubelets.map((k) => ({
    apiVersion: 'kubelet.config.k8s.io/v1beta1',
    kind: 'KubeletConfiguration',
    metadata: { name: k.node },
    ...k.config,
  }));
  if (oneFile) {
    const all = [...RESOURCE_KEYS.filter((k) => k !== 'pods').flatMap((k) => inv[k]), ...kubelets, ...inv.pods];
    return format === 'json' ? writeJsonList(join(dir, 'all.json'), all) : writeDocuments(join(dir, 'all.yaml'), all).bytes;
  }
  let bytes = 0;
  for (const key of RESOURCE_KEYS) if (key !== 'pods') bytes += writeDocuments(join(dir, `${key}.yaml`), inv[key]).bytes;
  bytes += writeDocuments(join(dir, 'kubelets.yaml'), kubelets).bytes;
  if (format === 'json') return bytes + writeJsonList(join(dir, 'pods.json'), inv.pods);
  for (let file = 1, start = 0; start < inv.pods.length; file++) {
    const written = writeDocuments(join(dir, `pods-${String(file).padStart(3, '0')}.yaml`), inv.pods.slice(start), POD_FILE_BYTES);
    start += written.count;
    bytes += written.bytes;
  }
  return bytes;
}

/** Multi-document YAML; stops after the document that reaches `maxBytes`. */
function writeDocuments(file: string, objects: unknown[], maxBytes = Infinity): { count: number; bytes: number } {
  const fd = openSync(file, 'w');
  let bytes = 0;
  let count = 0;
  try {
    for (const obj of objects) {
      if (bytes >= maxBytes) break;
      const text = `---\n${toYaml(obj, '')}`;
      writeSync(fd, text);
      bytes += Buffer.byteLength(text);
      count++;
    }
  } finally {
    closeSync(fd);
  }
  return { count, bytes };
}

/** As `kubectl get pods -A -o json` prints it: kind after items, four-space indent. Returns the bytes written. */
function writeJsonList(file: string, items: unknown[]): number {
  const fd = openSync(file, 'w');
  try {
    let bytes = writeSync(fd, '{\n    "apiVersion": "v1",\n    "items": [\n');
    for (const [i, item] of items.entries())
      bytes += writeSync(fd, `${indent(JSON.stringify(item, null, 4), '        ')}${i < items.length - 1 ? ',' : ''}\n`);
    return bytes + writeSync(fd, '    ],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n');
  } finally {
    closeSync(fd);
  }
}

const indent = (text: string, pad: string): string => text.replace(/^/gm, pad);

/**
 * Block-style YAML as kubectl and helm print it, without the cost of a YAML library (this runs over
 * hundreds of megabytes): plain scalars where they are unambiguous, JSON-quoted strings otherwise.
 */
function toYaml(value: unknown, pad: string): string {
  if (Array.isArray(value)) {
    if (!value.length) return `${pad}[]\n`;
    return value.map((v) => (isBlock(v) ? `${pad}-\n${toYaml(v, pad + '  ')}` : `${pad}- ${scalar(v)}\n`)).join('');
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (!entries.length) return `${pad}{}\n`;
  return entries
    .map(([k, v]) => (isBlock(v) ? `${pad}${scalar(k)}:\n${toYaml(v, pad + '  ')}` : `${pad}${scalar(k)}: ${scalar(v)}\n`))
    .join('');
}

const isBlock = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0);
const PLAIN = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n)$/i;

function scalar(v: unknown): string {
  if (Array.isArray(v)) return '[]';
  if (typeof v === 'object' && v !== null) return '{}';
  if (typeof v === 'string') return PLAIN.test(v) && !RESERVED.test(v) ? v : JSON.stringify(v);
  return JSON.stringify(v ?? null);
}

/**
 * The CLI in a fresh node process. Peak RSS comes from an exit hook loaded with --import, or, when
 * the process dies without running it (V8 out of memory aborts), from /proc's VmHWM polled meanwhile.
 */
function scan(cli: string, dir: string, mb: number, set: string): Promise<ManifestRun> {
  const hook = `data:text/javascript,process.on("exit",()=>process.stderr.write("\\nbench-peak-rss-kib "+process.resourceUsage().maxRSS+"\\n"))`;
  const args = [
    '--import',
    hook,
    cli,
    'scan',
    '--manifests',
    dir,
    ...shippedProfileIds().flatMap((id) => ['-b', id]),
    '-f',
    'json',
    '-o',
    '/dev/null',
  ];
  const bytes = readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let polledKib = 0;
    const poll = setInterval(() => {
      try {
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (hwm) polledKib = Math.max(polledKib, Number(hwm[1]));
      } catch {
        // not Linux, or the process just ended
      }
    }, 250);
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      const hooked = /bench-peak-rss-kib (\d+)/.exec(stderr);
      const lines = stderr.split('\n').filter((l) => l.trim() && !l.startsWith('bench-peak-rss-kib'));
      resolve({
        mb,
        set,
        bytes,
        exit: code ?? (signal ? `${signal}` : null),
        wallS: Math.round((performance.now() - started) / 100) / 10,
        peakRssMiB: Math.round((hooked ? Number(hooked[1]) : polledKib) / 1024),
        stderr: (lines.filter((l) => /^kaudit:|FATAL ERROR/.test(l)).pop() ?? lines.pop() ?? '').slice(0, 200),
      });
    });
  });
}

function table(runs: ManifestRun[], cli: string): string {
  const rows = runs.map(
    (r) =>
      `| ${r.mb} MB ${r.set} | ${(r.bytes / MB).toFixed(1)} | ${r.exit} | ${r.wallS} | ${r.peakRssMiB} | ${r.stderr.replace(/\|/g, '\\|')} |`,
  );
  return [
    `CLI: ${cli}`,
    '',
    '| set | MB on disk | exit | wall s | peak RSS MiB | last stderr line |',
    '|---|---:|---:|---:|---:|---|',
    ...rows,
    '',
  ].join('\n');
}

if (isMain(import.meta.url)) runMain(main);

/**
 * The benchmark orchestrator (`npm run bench`, after `npm run build`):
 *
 *   node dist/bench/run.js [--pods 20000] [--namespaces N] [--nodes 50] [--runs 3] [--concurrency 8]
 *                          [--warmup 1] [--snapshot FILE] [--timeout-min 10] [--cpu-prof] [--out FILE]
 *                          [--profiles a,b   (default: every shipped benchmark profile)]
 *
 * 1. spawns bench/server.js (synthetic cluster or --snapshot) on 127.0.0.1 and waits for its ready line;
 * 2. runs --warmup discarded floor+scan pairs, then --runs pairs, alternating which goes first;
 * 3. reports medians (ms, CPU, the server's CPU over each child, requests, peak RSS) for floor and
 *    scan, the ratio scan/floor and what the 1.3× target leaves of this machine's CPU
 *    (bench/cpu-budget.ts), as a table on stdout and as JSON in bench/out/results.json (or --out).
 * Every child is killed after --timeout-min minutes; the server is killed at the end, on error too.
 * --cpu-prof runs the children with `node --cpu-prof` into bench/out/profiles/{floor,scan}/
 * (summarise with `node dist/bench/cpuprofile.js FILE`); profiled timings are slower, do not quote them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../src/io/package-root.js';
import { checkFlags, intFlag, median, numberFlag, parseArgs, runMain, stringFlag } from './common.js';
import { DEFAULT_NODES, DEFAULT_PODS, defaultNamespaces } from './synthetic.js';
import { plannedReads, requestBudget, requiredKeys, shippedProfileIds } from './reads.js';
import { PAGE_SIZE } from '../src/cluster/collect.js';
import { cpuBudget, processCpuMs } from './cpu-budget.js';

const here = dirname(fileURLToPath(import.meta.url));
const script = (name: string): string => join(here, `${name}.js`);

type Result = Record<string, unknown> & {
  ms: number;
  requests: number;
  peakRssMiB: number;
  wallMs: number;
  /** CPU the bench server spent while this child ran (Linux /proc; undefined elsewhere). */
  serverCpuMs?: number;
};

const live = new Set<ChildProcess>();
const killAll = (signal: NodeJS.Signals): void => {
  for (const child of live) if (child.exitCode === null && child.signalCode === null) child.kill(signal);
};
process.on('exit', () => killAll('SIGKILL'));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAll('SIGKILL');
    process.exit(130);
  });
}

function track(child: ChildProcess): ChildProcess {
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** Runs a child to completion and parses the JSON line it prints; killed after `timeoutMs`. */
function runChild(name: string, args: string[], nodeArgs: string[], timeoutMs: number): Promise<Result> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = track(spawn(process.execPath, [...nodeArgs, script(name), ...args], { stdio: ['ignore', 'pipe', 'pipe'] }));
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => (out += d));
    child.stderr!.on('data', (d: Buffer) => (err += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not finish within ${timeoutMs / 60_000} min (killed)`));
    }, timeoutMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const wallMs = Math.round(performance.now() - started);
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${name} exited with ${code ?? signal}${err ? `:\n${err.trim()}` : ''}`));
      try {
        resolve({ ...(JSON.parse(line) as Result), wallMs });
      } catch {
        reject(
          new Error(
            `${name} printed no JSON result (stdout: ${JSON.stringify(out.slice(-500))}, stderr: ${JSON.stringify(err.slice(-2000))})`,
          ),
        );
      }
    });
  });
}

interface Server {
  child: ChildProcess;
  ready: { url: string; builtMs: number; peakRssMiB: number; objects: Record<string, number> };
}

/** Starts the server child and waits for its ready line. */
function startServer(args: string[], timeoutMs: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    // stdin is a pipe so that the server notices when this process dies without signalling it.
    const child = track(spawn(process.execPath, [script('server'), ...args], { stdio: ['pipe', 'pipe', 'inherit'] }));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the bench server was not ready within ${timeoutMs / 60_000} min (killed)`));
    }, timeoutMs);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        const ready = JSON.parse(line) as Server['ready'] & { ready?: boolean };
        if (!ready.ready) throw new Error('not ready');
        lines.close();
        child.stdout!.resume();
        resolve({ child, ready });
      } catch {
        child.kill('SIGKILL');
        reject(new Error(`the bench server printed ${JSON.stringify(line)} instead of its ready line`));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the bench server exited with ${code ?? signal} before it was ready`));
    });
  });
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

interface Summary {
  medianMs: number;
  medianCpuMs: number;
  minCpuMs: number;
  maxCpuMs: number;
  minMs: number;
  maxMs: number;
  medianWallMs: number;
  requests: number;
  items: number;
  medianPeakRssMiB: number;
  maxPeakRssMiB: number;
  medianServerCpuMs?: number;
}

function summarize(runs: Result[]): Summary {
  const requests = [...new Set(runs.map((r) => r.requests))];
  if (requests.length > 1) process.stderr.write(`bench: warning: request counts differ between runs: ${requests.join(', ')}\n`);
  return {
    medianMs: Math.round(median(runs.map((r) => r.ms))),
    medianCpuMs: Math.round(median(runs.map((r) => Number(r.cpuMs)))),
    minCpuMs: Math.min(...runs.map((r) => Number(r.cpuMs))),
    maxCpuMs: Math.max(...runs.map((r) => Number(r.cpuMs))),
    minMs: Math.min(...runs.map((r) => r.ms)),
    maxMs: Math.max(...runs.map((r) => r.ms)),
    medianWallMs: Math.round(median(runs.map((r) => r.wallMs))),
    requests: Math.max(...requests),
    items: Math.max(...runs.map((r) => Number(r.items ?? 0))),
    medianPeakRssMiB: Math.round(median(runs.map((r) => r.peakRssMiB)) * 10) / 10,
    maxPeakRssMiB: Math.max(...runs.map((r) => r.peakRssMiB)),
    medianServerCpuMs: runs.every((r) => r.serverCpuMs !== undefined) ? Math.round(median(runs.map((r) => r.serverCpuMs ?? 0))) : undefined,
  };
}

const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;

async function main(): Promise<void> {
  const flags = parseArgs(process.argv.slice(2));
  checkFlags(flags, [
    'pods',
    'namespaces',
    'nodes',
    'runs',
    'concurrency',
    'warmup',
    'snapshot',
    'timeout-min',
    'cpu-prof',
    'out',
    'profiles',
  ]);
  const pods = intFlag(flags, 'pods', DEFAULT_PODS);
  const namespaces = intFlag(flags, 'namespaces', defaultNamespaces(pods));
  const nodes = intFlag(flags, 'nodes', DEFAULT_NODES);
  const runs = intFlag(flags, 'runs', 3);
  const warmup = intFlag(flags, 'warmup', 1, 0);
  const concurrency = intFlag(flags, 'concurrency', 8);
  const timeoutMs = Math.round(numberFlag(flags, 'timeout-min', 10) * 60_000);
  const snapshot = stringFlag(flags, 'snapshot');
  const profiles = stringFlag(flags, 'profiles');
  const root = packageRoot();
  const outDir = join(root, 'bench', 'out');
  const outFile = stringFlag(flags, 'out') ?? join(outDir, 'results.json');
  const profileDir = join(outDir, 'profiles');
  mkdirSync(dirname(outFile), { recursive: true });
  const profiling = (which: string): string[] => (flags['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, which)}`] : []);

  const tmp = mkdtempSync(join(tmpdir(), 'kaudit-bench-'));
  const kubeconfig = join(tmp, 'kubeconfig');
  const sizeArgs = snapshot
    ? ['--snapshot', snapshot]
    : ['--pods', String(pods), '--namespaces', String(namespaces), '--nodes', String(nodes)];
  const say = (line: string): void => void process.stderr.write(`bench: ${line}\n`);
  say(snapshot ? `starting the server over ${snapshot}` : `starting the server: ${pods} pods, ${namespaces} namespaces, ${nodes} nodes`);
  let server: Server | undefined;
  try {
    server = await startServer(['--kubeconfig', kubeconfig, ...sizeArgs], timeoutMs);
    say(
      `server ready at ${server.ready.url} (built in ${server.ready.builtMs} ms, ${server.ready.objects.pods} pods, RSS ${server.ready.peakRssMiB} MiB)`,
    );
    const childArgs = ['--kubeconfig', kubeconfig, '--concurrency', String(concurrency), ...(profiles ? ['--profiles', profiles] : [])];
    const ticks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;
    const serverCpu = (): number | undefined => (server?.child.pid === undefined ? undefined : processCpuMs(server.child.pid, ticks));
    /** Runs a child and adds the server's CPU over the same time. */
    const measured = async (name: 'floor' | 'scan'): Promise<Result> => {
      const before = serverCpu();
      const r = await runChild(name, childArgs, profiling(name), timeoutMs);
      const after = serverCpu();
      return before === undefined || after === undefined ? r : { ...r, serverCpuMs: Math.round(after - before) };
    };
    const floor = (): Promise<Result> => measured('floor');
    const scan = (): Promise<Result> => measured('scan');

    for (let i = 0; i < warmup; i++) {
      say(`warm-up ${i + 1}/${warmup}`);
      await floor();
      await scan();
    }
    const floors: Result[] = [];
    const scans: Result[] = [];
    for (let i = 0; i < runs; i++) {
      // Alternate the order so drift (thermal, GC of the server) does not favour one side.
      for (const which of i % 2 === 0 ? (['floor', 'scan'] as const) : (['scan', 'floor'] as const)) {
        const r = which === 'floor' ? await floor() : await scan();
        (which === 'floor' ? floors : scans).push(r);
        say(
          `run ${i + 1}/${runs} ${which}: ${r.ms} ms (CPU ${String(r.cpuMs)} ms, server CPU ${String(r.serverCpuMs)} ms), ${r.requests} requests, peak RSS ${r.peakRssMiB} MiB${which === 'scan' ? ` (collect ${String(r.collectMs)} ms, evaluate ${String(r.evaluateMs)} ms; peak RSS ${String(r.peakRssCollectedMiB)} MiB when collected)` : ''}`,
        );
      }
    }

    const f = summarize(floors);
    const s = summarize(scans);
    const lastScan = scans.at(-1);
    if (!lastScan) throw new Error('no scan ran');
    const scanExtra = {
      medianCollectMs: Math.round(median(scans.map((r) => Number(r.collectMs ?? NaN)))),
      medianEvaluateMs: Math.round(median(scans.map((r) => Number(r.evaluateMs ?? NaN)))),
      medianRenderMs: Math.round(median(scans.map((r) => Number(r.renderMs ?? NaN)))),
      peakRssWithReportMiB: Math.round(median(scans.map((r) => Number(r.peakRssWithReportMiB ?? NaN))) * 10) / 10,
      controls: lastScan.controls,
      findings: lastScan.findings,
      statuses: lastScan.statuses,
      reportBytes: lastScan.reportBytes,
      lists: lastScan.lists,
      kubelets: lastScan.kubelets,
    };
    const results = {
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        totalMemGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        platform: `${process.platform}/${process.arch}`,
      },
      params: {
        pods: snapshot ? undefined : pods,
        namespaces: snapshot ? undefined : namespaces,
        nodes: snapshot ? undefined : nodes,
        snapshot,
        profiles: profiles ?? 'every shipped profile',
        runs,
        warmup,
        concurrency,
        pageSize: 500,
        cpuProf: Boolean(flags['cpu-prof']),
      },
      server: server.ready,
      floor: f,
      scan: { ...s, ...scanExtra },
      ratio: {
        ms: ratio(s.medianMs, f.medianMs),
        minMs: ratio(s.minMs, f.minMs),
        cpu: ratio(s.medianCpuMs, f.medianCpuMs),
        collectVsFloor: ratio(scanExtra.medianCollectMs, f.medianMs),
        peakRss: ratio(s.medianPeakRssMiB, f.medianPeakRssMiB),
        target: 1.3,
      },
      runs: { floor: floors, scan: scans },
    };
    const cpu =
      s.medianServerCpuMs === undefined
        ? undefined
        : cpuBudget({
            cores: cpus().length,
            target: results.ratio.target,
            floorMs: f.medianMs,
            scanMs: s.medianMs,
            scanCpuMs: s.medianCpuMs,
            scanServerCpuMs: s.medianServerCpuMs,
          });
    Object.assign(results, { cpuBudget: cpu });
    const budget = requestBudget(plannedReads(requiredKeys(profiles?.split(',') ?? shippedProfileIds())), server.ready.objects, PAGE_SIZE);
    Object.assign(results, { requestBudget: budget });
    writeFileSync(outFile, JSON.stringify(results, null, 2) + '\n');

    const row = (cells: (string | number)[]): string => `| ${cells.join(' | ')} |`;
    const summaryRow = (label: string, x: Summary): string =>
      row([
        label,
        x.medianMs,
        `${x.minMs}–${x.maxMs}`,
        x.medianCpuMs,
        String(x.medianServerCpuMs ?? 'n/a'),
        x.requests,
        x.items,
        x.medianPeakRssMiB,
      ]);
    const lines = [
      `kaudit bench, ${results.date.slice(0, 10)}: ${snapshot ? snapshot : `${server.ready.objects.pods} pods, ${namespaces} namespaces, ${nodes} nodes`}; ${runs} runs, concurrency ${concurrency}, ${cpus().length} CPUs, node ${process.version}`,
      '',
      row(['', 'median ms', 'min–max ms', 'CPU ms (median)', 'server CPU ms', 'requests', 'items', 'peak RSS MiB']),
      row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
      summaryRow('floor (list + parse + drop)', f),
      summaryRow('full scan (scanPipeline)', s),
      row(['  of which collection', scanExtra.medianCollectMs, '', '', '', '', '', '']),
      row(['  of which evaluation', scanExtra.medianEvaluateMs, '', '', '', '', '', '']),
      row(['JSON report render (not in ratio)', scanExtra.medianRenderMs, '', '', '', '', '', scanExtra.peakRssWithReportMiB]),
      row([
        '**ratio scan / floor**',
        `**${results.ratio.ms}×**`,
        `${results.ratio.minMs}× (min/min)`,
        `${results.ratio.cpu}×`,
        '',
        '',
        '',
        `${results.ratio.peakRss}×`,
      ]),
      '',
      ...(cpu
        ? [
            `CPU budget at ${results.ratio.target}×: the scan may take ${cpu.targetMs} ms, in which ${cpus().length} cores give ${cpus().length * cpu.targetMs} core-ms; ` +
              `the server spends ${String(s.medianServerCpuMs)} of them, leaving ${cpu.cpuLeftMs}. The scan uses ${s.medianCpuMs} (${cpu.cpuOverBudget}× what is left${cpu.cpuOverBudget > 1 ? ': no spreading of this work over the cores meets the target' : ''}). ` +
              `On one thread, the work beyond the floor's may take ${cpu.beyondFloorBudgetMs} ms; it takes ${cpu.beyondFloorMs}.`,
          ]
        : []),
      `target: full scan within ${results.ratio.target}× the floor — ${results.ratio.ms <= results.ratio.target ? 'met' : 'NOT met'}; collection alone ${results.ratio.collectVsFloor}×.`,
      `floor ${f.medianMs} ms, scan ${s.medianMs} ms, ratio ${results.ratio.ms}×; scan peak RSS ${s.medianPeakRssMiB} MiB (${scanExtra.peakRssWithReportMiB} MiB with the JSON report rendered); ` +
        `requests ${s.requests} (floor ${f.requests}; budget ${budget} = /version, discovery when optional kinds are wanted, the pages of each list, one configz per node: ${s.requests <= budget ? 'within' : 'OVER'}).`,
      `${String(scanExtra.controls)} controls, ${String(scanExtra.findings)} findings; lists: ${(scanExtra.lists as string[]).join(', ')}${scanExtra.kubelets ? ' + configz per node' : ''}`,
      `results: ${relative(process.cwd(), outFile) || outFile}${flags['cpu-prof'] ? `; CPU profiles: ${relative(process.cwd(), profileDir)}` : ''}`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    if (server) await stopServer(server.child);
    killAll('SIGKILL');
    rmSync(tmp, { recursive: true, force: true });
  }
}

runMain(main);

/**
 * Bench child: the full scan, as `kaudit scan --benchmark <every shipped profile>` runs it:
 * scanPipeline() from src/pipeline/run-scan.ts against the bench server's kubeconfig.
 *
 *   node dist/bench/scan.js --kubeconfig FILE [--concurrency 8] [--profiles a,b] [--no-render] [--check-times]
 *                                            [--skip id,id   (diagnostic: scanPipeline's --skip)]
 *
 * Prints {ms, cpuMs, collectMs, evaluateMs, requests, items, peakRssMiB, peakRssCollectedMiB, controls, findings, renderMs,
 * peakRssWithReportMiB} on stdout. `ms` is scanPipeline alone (what the ratio uses); the JSON report
 * (the CLI's default format) is written afterwards, streamed to /dev/null as `-o FILE` writes it,
 * and reported separately.
 *
 * Instrumentation only, nothing in src/ is changed: KubeHttp.prototype.getJson is wrapped to count
 * requests and items, and each registered check's `select` to see when evaluation starts, so
 * collectMs = start -> first check selected (resolving the kubeconfig, every request, sanitizing and
 * storing), evaluateMs = the rest (checks, roll-up, scoring).
 */
import { setFlagsFromString } from 'node:v8';
import { KubeHttp } from '../src/cluster/http.js';
import { loadCatalog } from '../src/pipeline/registry.js';
import { scanPipeline } from '../src/pipeline/run-scan.js';
import { RENDERERS } from '../reports/index.js';
import { writeFileChunks } from '../src/io/output.js';
import { checkFlags, emit, intFlag, parseArgs, peakRssMiB, runMain, stringFlag } from './common.js';
import { plannedReads, requiredKeys, shippedProfileIds } from './reads.js';

// Loaded before timing, as the floor loads the same modules before its clock starts. source.ts
// imports these lazily; importing them here only moves their load time out of the measured window.
import '../src/cluster/collect.js';
import '../src/cluster/kubeconfig.js';

// The CLI's GC setting (bin/kaudit.js), so the scan child runs as `kaudit scan` does.
setFlagsFromString('--heap-growing-percent=50');

async function main(): Promise<void> {
  const flags = parseArgs(process.argv.slice(2));
  checkFlags(flags, ['kubeconfig', 'concurrency', 'profiles', 'no-render', 'check-times', 'skip']);
  const kubeconfig = stringFlag(flags, 'kubeconfig');
  if (!kubeconfig) throw new Error('--kubeconfig FILE is required');
  const concurrency = intFlag(flags, 'concurrency', 8);
  const profiles = stringFlag(flags, 'profiles')?.split(',') ?? shippedProfileIds();
  const plan = plannedReads(requiredKeys(profiles));

  const clients = new Set<KubeHttp>();
  let items = 0;
  const getJson = KubeHttp.prototype.getJson;
  KubeHttp.prototype.getJson = async function <T>(this: KubeHttp, path: string, accept?: string): Promise<T> {
    clients.add(this);
    const body = await getJson.call(this, path, accept);
    const listed = (body as { items?: unknown } | null)?.items;
    if (Array.isArray(listed)) items += listed.length;
    return body as T;
  };
  let evaluationStart: number | undefined;
  /** Peak RSS when collection ended (the Inventory is complete; evaluation has not begun). */
  let peakCollected: number | undefined;
  // --check-times (diagnostic: adds a timer around every evaluate call, so do not quote its ms):
  // time spent in each check's select + evaluate, with the number of subjects.
  const checkTimes = new Map<string, { ms: number; subjects: number }>();
  for (const check of loadCatalog().checks.values()) {
    const { select, evaluate } = check;
    const time = checkTimes.get(check.meta.id) ?? { ms: 0, subjects: 0 };
    checkTimes.set(check.meta.id, time);
    check.select = function (this: unknown, ...args: Parameters<typeof select>) {
      if (evaluationStart === undefined) {
        evaluationStart = performance.now();
        peakCollected = peakRssMiB();
      }
      if (!flags['check-times']) return select.apply(this, args);
      const t = performance.now();
      try {
        return select.apply(this, args);
      } finally {
        time.ms += performance.now() - t;
      }
    };
    if (flags['check-times']) {
      check.evaluate = function (this: unknown, ...args: Parameters<typeof evaluate>) {
        const t = performance.now();
        try {
          return evaluate.apply(this, args);
        } finally {
          time.ms += performance.now() - t;
          time.subjects++;
        }
      };
    }
  }

  const log = (line: string): void => void process.stderr.write(`kaudit: ${line}\n`);
  const skip = stringFlag(flags, 'skip')?.split(',');
  const started = performance.now();
  const cpu = process.cpuUsage();
  const outcome = await scanPipeline({ kubeconfig, concurrency, requestTimeout: 30, benchmark: profiles, skip }, log);
  const finished = performance.now();
  const used = process.cpuUsage(cpu);
  const peakScan = peakRssMiB();

  let renderMs: number | undefined;
  let reportBytes: number | undefined;
  if (!flags['no-render']) {
    // Written as `kaudit scan -o FILE` writes it: chunk by chunk through the CLI's writer (to
    // /dev/null), never one string, so the peak RSS with the report is the CLI's.
    const t = performance.now();
    let bytes = 0;
    const counted = function* () {
      for (const chunk of RENDERERS.json.chunks(outcome.result)) {
        bytes += Buffer.byteLength(chunk);
        yield chunk;
      }
    };
    await writeFileChunks('/dev/null', counted(), 'bench');
    reportBytes = bytes;
    renderMs = Math.round(performance.now() - t);
  }

  const { controls } = outcome.result;
  const statuses: Record<string, number> = {};
  for (const c of controls) statuses[c.status] = (statuses[c.status] ?? 0) + 1;
  emit({
    ms: Math.round(finished - started),
    cpuMs: Math.round((used.user + used.system) / 1000),
    collectMs: evaluationStart === undefined ? undefined : Math.round(evaluationStart - started),
    evaluateMs: evaluationStart === undefined ? undefined : Math.round(finished - evaluationStart),
    requests: [...clients].reduce((sum, c) => sum + c.requestCount, 0),
    items,
    peakRssMiB: peakScan,
    peakRssCollectedMiB: peakCollected,
    controls: controls.length,
    findings: controls.reduce((sum, c) => sum + c.findings.length, 0),
    statuses,
    coverageGaps: outcome.result.coverage.length,
    renderMs,
    reportBytes,
    peakRssWithReportMiB: renderMs === undefined ? undefined : peakRssMiB(),
    lists: plan.resources,
    kubelets: plan.kubelets,
    checkTimes: flags['check-times']
      ? [...checkTimes.entries()]
          .filter(([, t]) => t.ms > 0)
          .sort((a, b) => b[1].ms - a[1].ms)
          .map(([id, t]) => ({ id, ms: Math.round(t.ms * 10) / 10, subjects: t.subjects }))
      : undefined,
  });
}

runMain(main);

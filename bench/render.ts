/**
 * What each report format costs to render, against the JSON report (the bar: no format
 * above 1.2x JSON), on the report of the synthetic cluster scanned offline with every shipped
 * profile.
 *
 *   node dist/bench/render.js [--pods 20000] [--nodes 50] [--runs 3] [--formats json,table,...]
 *
 * Each format is rendered --runs times after one discarded warm-up round, alternating formats so drift is shared; a run pulls every
 * chunk and writes it to /dev/null through the CLI's writer (src/io/output.ts: 64 KiB batches,
 * backpressure), which is what `kaudit scan -f FORMAT -o FILE` does after the scan. Prints one JSON
 * object: {pods, findings, formats: {name: {medianMs, cpuMs, minCpuMs, chars, ratio, cpuRatio}}}: ratio =
 * median wall ms / JSON's, cpuRatio = least CPU ms / JSON's. On a machine shared with other work, the
 * least CPU time is the steadiest figure: wall time also counts the time the process waited for a core.
 */
import { writeFileChunks } from '../src/io/output.js';
import { loadCatalog } from '../src/pipeline/registry.js';
import { checkInfo } from '../src/pipeline/registry.js';
import { runScan } from '../src/engine/scan.js';
import { RENDERERS } from '../reports/index.js';

/** The text formats (pdf is a browser's print of the html, measured in bench/html-open.ts). */
type TextFormat = keyof typeof RENDERERS;
import { checkFlags, emit, intFlag, parseArgs, peakRssMiB, runMain, stringFlag } from './common.js';
import { DEFAULT_NODES, DEFAULT_PODS, keptSyntheticInventory } from './synthetic.js';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function main(): Promise<void> {
  const flags = parseArgs(process.argv.slice(2));
  checkFlags(flags, ['pods', 'nodes', 'runs', 'formats']);
  const runs = intFlag(flags, 'runs', 3);
  const formats = (stringFlag(flags, 'formats') ?? Object.keys(RENDERERS).join(',')).split(',') as TextFormat[];
  for (const f of formats) if (!(f in RENDERERS)) throw new Error(`--formats: unknown format ${f}`);
  const inventory = keptSyntheticInventory({ pods: intFlag(flags, 'pods', DEFAULT_PODS), nodes: intFlag(flags, 'nodes', DEFAULT_NODES) });
  const { checks, profiles } = loadCatalog();
  const result = runScan({ inventory, profiles, registry: checks, startedAt: new Date(), toolVersion: 'bench' });
  const options = { checks: checkInfo(), columns: 120 };
  const samples = new Map<TextFormat, { ms: number[]; cpuMs: number[]; bytes: number }>(
    formats.map((f) => [f, { ms: [], cpuMs: [], bytes: 0 }]),
  );
  // Run 0 warms up (module code, JIT) and is discarded.
  for (let run = 0; run <= runs; run++) {
    for (const format of formats) {
      const s = run ? samples.get(format)! : { ms: [], cpuMs: [], bytes: 0 };
      let bytes = 0;
      const counted = function* () {
        for (const chunk of RENDERERS[format].chunks(result, options)) {
          bytes += chunk.length;
          yield chunk;
        }
      };
      const cpu = process.cpuUsage();
      const started = performance.now();
      await writeFileChunks('/dev/null', counted(), 'bench');
      s.ms.push(performance.now() - started);
      const used = process.cpuUsage(cpu);
      s.cpuMs.push((used.user + used.system) / 1000);
      s.bytes = bytes;
    }
  }
  const jsonMs = samples.has('json') ? median(samples.get('json')!.ms) : NaN;
  const jsonCpu = samples.has('json') ? Math.min(...samples.get('json')!.cpuMs) : NaN;
  const out: Record<string, { medianMs: number; cpuMs: number; minCpuMs: number; chars: number; ratio: number; cpuRatio: number }> = {};
  for (const [format, s] of samples) {
    const minCpu = Math.min(...s.cpuMs);
    out[format] = {
      medianMs: Math.round(median(s.ms)),
      cpuMs: Math.round(median(s.cpuMs)),
      minCpuMs: Math.round(minCpu),
      chars: s.bytes,
      ratio: Math.round((median(s.ms) / jsonMs) * 100) / 100,
      cpuRatio: Math.round((minCpu / jsonCpu) * 100) / 100,
    };
  }
  emit({
    pods: inventory.pods.length,
    findings: result.controls.reduce((n, c) => n + c.findings.length, 0),
    runs,
    formats: out,
    peakRssMiB: peakRssMiB(),
  });
}

runMain(main);

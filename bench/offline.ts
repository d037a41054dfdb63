/**
 * Offline evaluation speed: how many pods per second the engine judges once the Inventory is in
 * memory (what `kaudit scan --snapshot` does after reading the file). No I/O is timed.
 *
 *   node dist/bench/offline.js [--pods 20000] [--nodes 50] [--namespaces N] [--runs 1] [--clone]
 *
 * The synthetic cluster goes through JSON and enters the Inventory the way every source keeps
 * objects (sanitizeObject, then compactObject), then runScan() runs every check of every shipped
 * profile. Before each run the heap is collected once, as scanPipeline does between reading and
 * judging (src/pipeline/release-memory.ts): building the synthetic cluster leaves garbage that a
 * scan never makes, and its collection is not evaluation.
 * Prints {pods, runs: [{ms, cpuMs}], firstMs, podsPerSecond (of the first run), findings, peakRssMiB}.
 *
 * --clone also times what handing the Inventory to another thread would cost (a worker thread gets
 * its own copy: postMessage is V8's serializer on this side and its deserializer on the other):
 * {clone: {bytesMiB, serializeMs, deserializeMs}}. Evaluation could only be spread over cores after
 * that copy; compare it with firstMs.
 */
import { deserialize, serialize } from 'node:v8';
import { loadCatalog } from '../src/pipeline/registry.js';
import { runScan } from '../src/engine/scan.js';
import { releaseMemory } from '../src/pipeline/release-memory.js';
import { checkFlags, emit, intFlag, parseArgs, peakRssMiB, runMain } from './common.js';
import { DEFAULT_NODES, DEFAULT_PODS, keptSyntheticInventory } from './synthetic.js';

async function main(): Promise<void> {
  const flags = parseArgs(process.argv.slice(2));
  checkFlags(flags, ['pods', 'nodes', 'namespaces', 'runs', 'clone']);
  const pods = intFlag(flags, 'pods', DEFAULT_PODS);
  // Every run starts with empty check memos: runScan empties its scan caches (src/core/scan-cache.ts) when it ends.
  const runs = intFlag(flags, 'runs', 1);
  const inventory = keptSyntheticInventory({
    pods,
    nodes: intFlag(flags, 'nodes', DEFAULT_NODES),
    namespaces: flags.namespaces === undefined ? undefined : intFlag(flags, 'namespaces', 1),
  });
  const { checks, profiles } = loadCatalog();
  const times: { ms: number; cpuMs: number }[] = [];
  let findings = 0;
  for (let i = 0; i < runs; i++) {
    releaseMemory();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = runScan({ inventory, profiles, registry: checks, startedAt: new Date(), toolVersion: 'bench' });
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    times.push({ ms: Math.round(ms), cpuMs: Math.round((used.user + used.system) / 1000) });
    findings = result.controls.reduce((sum, c) => sum + c.findings.length, 0);
  }
  const firstMs = times[0]?.ms ?? Number.NaN;
  let clone: { bytesMiB: number; serializeMs: number; deserializeMs: number } | undefined;
  if (flags.clone) {
    releaseMemory();
    let t = performance.now();
    const copy = serialize({ ...inventory });
    const serializeMs = performance.now() - t;
    const bytesMiB = Math.round(copy.length / 2 ** 20);
    t = performance.now();
    const back = deserialize(copy) as { pods: unknown[] };
    const deserializeMs = performance.now() - t;
    if (back.pods.length !== inventory.pods.length) throw new Error('the copy lost pods');
    clone = { bytesMiB, serializeMs: Math.round(serializeMs), deserializeMs: Math.round(deserializeMs) };
  }
  emit({
    pods: inventory.pods.length,
    runs: times,
    firstMs,
    podsPerSecond: Math.round((inventory.pods.length / firstMs) * 1000),
    findings,
    peakRssMiB: peakRssMiB(),
    clone,
  });
}

runMain(main);

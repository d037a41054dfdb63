/**
 * Snapshot and report I/O at scale, through the real CLI: a synthetic cluster (default 150,000 pods
 * on 5,000 nodes) is written as a snapshot, served with `kaudit serve --snapshot`, collected again
 * with `kaudit snapshot`, scanned from the snapshot into each report format, and the JSON report is
 * rendered again with `kaudit report`. Each step is a fresh process of the built CLI; it prints the
 * wall time, the peak RSS (maxRSS at exit, recorded by a one-line --import hook), the exit code and
 * the size of what it wrote.
 *
 *   npm run build && node dist/bench/streams.js [--pods 150000] [--nodes 5000] [--dir DIR] [--cli bin/kaudit.js] [--keep]
 *
 * --cli runs another build (e.g. a checkout of main) against the same files, for before/after
 * figures. The raw synthetic snapshot is written in-process with writeSnapshot (the generator's
 * objects, not sanitized); `kaudit snapshot` then writes the sanitized one that the scans read.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadCatalog } from '../src/pipeline/registry.js';
import { packageRoot } from '../src/io/package-root.js';
import { writeSnapshot } from '../src/offline/snapshot.js';
import { checkFlags, intFlag, parseArgs, peakRssMiB, runMain, stringFlag } from './common.js';
import { syntheticInventory } from './synthetic.js';

/** Records the child's peak RSS (KiB) into $KAUDIT_RSS_FILE when it exits, without touching the CLI. */
const RSS_HOOK =
  'data:text/javascript,import{writeFileSync}from"node:fs";process.on("exit",()=>writeFileSync(process.env.KAUDIT_RSS_FILE,String(process.resourceUsage().maxRSS)))';

interface Step {
  step: string;
  code: number | null;
  seconds: number;
  peakRssMiB: number | null;
  outputMiB?: number;
  stderr: string;
}

const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

function runCli(
  cli: string,
  dir: string,
  step: string,
  args: string[],
  output?: string,
  until?: string,
): Promise<Step & { stop?: () => Promise<Step> }> {
  const rssFile = join(dir, 'step.rss');
  rmSync(rssFile, { force: true });
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', RSS_HOOK, ...(cli ? [cli] : []), ...args], {
    env: { ...process.env, KAUDIT_RSS_FILE: rssFile },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise<Step>((done) =>
    child.on('exit', (code) => {
      const rss = existsSync(rssFile) ? Math.round(Number(readFileSync(rssFile, 'utf8')) / 1024) : null;
      done({
        step,
        code,
        seconds: Math.round((performance.now() - started) / 100) / 10,
        peakRssMiB: rss,
        outputMiB: output && existsSync(output) ? mib(statSync(output).size) : undefined,
        stderr: stderr.trim().split('\n').slice(-1)[0] ?? '',
      });
    }),
  );
  return new Promise((done) => {
    void exited.then(done);
    child.stderr.on('data', (d) => {
      stderr += d;
      // A server step is measured until it is ready; it keeps running until stop().
      if (until && stderr.includes(until)) {
        until = undefined;
        const ready = Math.round((performance.now() - started) / 100) / 10;
        done({ step, code: null, seconds: ready, peakRssMiB: null, stderr: stderr.trim(), stop: () => (child.kill('SIGTERM'), exited) });
      }
    });
  });
}

async function main(): Promise<void> {
  const flags = parseArgs(process.argv.slice(2));
  checkFlags(flags, ['pods', 'nodes', 'dir', 'cli', 'keep']);
  const pods = intFlag(flags, 'pods', 150_000);
  const nodes = intFlag(flags, 'nodes', 5_000);
  const dir = resolve(stringFlag(flags, 'dir') ?? join(tmpdir(), `kaudit-streams-${pods}`));
  const cli = resolve(stringFlag(flags, 'cli') ?? join(packageRoot(), 'bin', 'kaudit.js'));
  mkdirSync(dir, { recursive: true });
  const file = (name: string) => join(dir, name);
  const steps: Step[] = [];
  const log = (s: Step) => {
    steps.push(s);
    process.stderr.write(
      `${s.step}: exit ${s.code} in ${s.seconds} s, peak RSS ${s.peakRssMiB ?? '?'} MiB${s.outputMiB !== undefined ? `, wrote ${s.outputMiB} MiB` : ''} — ${s.stderr}\n`,
    );
  };

  const raw = file('synthetic.json');
  if (!existsSync(raw)) {
    const t = performance.now();
    const inv = syntheticInventory({ pods, nodes });
    const built = performance.now();
    await writeSnapshot(raw, inv);
    process.stderr.write(
      `synthetic cluster: ${pods} pods / ${nodes} nodes built in ${Math.round((built - t) / 1000)} s, written in ${Math.round((performance.now() - built) / 1000)} s (${mib(statSync(raw).size)} MiB, this process at ${peakRssMiB()} MiB)\n`,
    );
  }

  const kubeconfig = file('serve.kubeconfig');
  const serve = await runCli(
    cli,
    dir,
    'serve --snapshot (until ready)',
    ['serve', '--snapshot', raw, '--write-kubeconfig', kubeconfig],
    undefined,
    'Ctrl-C stops',
  );
  const snapshot = file('snapshot.json');
  if (serve.stop) {
    const collected = await runCli(
      cli,
      dir,
      'snapshot --kubeconfig (from serve)',
      ['snapshot', '--kubeconfig', kubeconfig, '-o', snapshot],
      snapshot,
    );
    const served = await serve.stop();
    log({ ...serve, peakRssMiB: served.peakRssMiB });
    log(collected);
  } else log(serve);
  // Without a snapshot from the CLI (a build that cannot write one), scan the raw one.
  const input = existsSync(snapshot) && statSync(snapshot).size > 0 ? snapshot : raw;
  // The reader alone, in a child of its own: what offline scans pay before evaluating.
  const reader = join(cli, '..', '..', 'dist', 'src', 'offline', 'snapshot.js');
  const readCode = `const { readSnapshot } = await import(${JSON.stringify(pathToFileURL(reader).href)}); const t = performance.now(); const inv = readSnapshot(${JSON.stringify(input)}); process.stderr.write(\`\${inv.pods.length} pods read in \${Math.round(performance.now() - t)} ms\\n\`);`;
  log(await runCli('', dir, 'readSnapshot alone (no scan)', ['--input-type=module', '-e', readCode]));
  const profiles = loadCatalog()
    .profiles.map((p) => p.id)
    .join(',');
  for (const [format, ext] of [
    ['json', 'json'],
    ['html', 'html'],
    ['table', 'txt'],
  ] as const) {
    const out = file(`report.${ext}`);
    rmSync(out, { force: true });
    log(
      await runCli(cli, dir, `scan --snapshot -f ${format}`, ['scan', '--snapshot', input, '-b', profiles, '-f', format, '-o', out], out),
    );
  }
  if (existsSync(file('report.json'))) {
    for (const [format, ext] of [
      ['html', 'html'],
      ['table', 'txt'],
      ['json', 'json'],
    ] as const) {
      const out = file(`again.${ext}`);
      log(await runCli(cli, dir, `report report.json -f ${format}`, ['report', file('report.json'), '-f', format, '-o', out], out));
    }
  }
  process.stdout.write(`${JSON.stringify({ pods, nodes, cli, steps })}\n`);
  if (!flags.keep) rmSync(dir, { recursive: true, force: true });
}

runMain(main);

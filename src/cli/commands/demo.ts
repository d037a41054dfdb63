import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { writeFileChunks } from '../../io/output.js';
import { startApiServer } from '../../apiserver/index.js';
import { demoInventory, demoNodeReportFiles } from '../../demo/inventory.js';
import { RENDERERS } from '../../../reports/index.js';
import { hashedChunks, type JsonDigest } from '../../../reports/html/digest.js';
import type { Io } from '../io.js';
import { checkInfo, loadCatalog } from '../../pipeline/registry.js';
import { debugFlag, stderrLog, typedCommand } from '../options.js';
import { scanPipeline, summaryLine } from '../../pipeline/run-scan.js';

export function demoCommand(io: Io, setExit: (code: number) => void) {
  return typedCommand({
    command: 'demo',
    describe: 'Scan the built-in demo cluster through the real client and write every report format',
    builder: (y) =>
      y
        .option('output-dir', { type: 'string', default: 'kaudit-reports', describe: 'Folder for the reports' })
        .option('benchmark', { alias: 'b', type: 'string', array: true, describe: 'Profiles to score (default: all shipped profiles)' })
        .option('fail-on', { type: 'string', describe: 'Exit 1 when a control fails at or above this severity' })
        .example('$0 demo', 'serve the demo cluster on a free loopback port, scan it, write ./kaudit-reports/'),
    handler: async (argv) => {
      const log = stderrLog(io.err);
      const server = await startApiServer({ inventory: demoInventory() });
      const tmp = mkdtempSync(join(tmpdir(), 'kaudit-demo-'));
      try {
        const kubeconfig = join(tmp, 'kubeconfig');
        writeFileSync(kubeconfig, server.kubeconfig({ contextName: 'kaudit-demo' }), { mode: 0o600 });
        log(`demo cluster served at ${server.url}; scanning it through the real client`);
        const benchmark = argv.benchmark ?? loadCatalog().profiles.map((p) => p.id);
        // The node agent's reports come as files, as `scan --node-report` takes them.
        const outcome = await scanPipeline(
          {
            kubeconfig,
            nodeReports: demoNodeReportFiles(),
            benchmark,
            failOn: argv.failOn,
            concurrency: 8,
            requestTimeout: 30,
            debug: debugFlag(argv),
          },
          log,
        );
        const dir = resolve(argv.outputDir);
        try {
          mkdirSync(dir, { recursive: true });
        } catch (err) {
          throw new UsageError(`--output-dir ${dir}: cannot create (${(err as NodeJS.ErrnoException).code})`);
        }
        const written: string[] = [];
        // JSON first (RENDERERS' order), hashed as it is written: the HTML names it by its sha256.
        let jsonReport: JsonDigest | undefined;
        for (const r of Object.values(RENDERERS)) {
          const file = join(dir, `kaudit-demo.${r.extension}`);
          const chunks = r.chunks(outcome.result, { checks: checkInfo(), jsonReport });
          await writeFileChunks(
            file,
            r === RENDERERS.json ? hashedChunks(chunks, (sha256) => (jsonReport = { sha256, file: basename(file) })) : chunks,
            '--output-dir',
          );
          written.push(file);
        }
        log(summaryLine(outcome.result));
        io.out(`Reports written:\n${written.map((f) => `  ${f}`).join('\n')}\n`);
        setExit(outcome.exitCode);
      } finally {
        await server.close();
        rmSync(tmp, { recursive: true, force: true });
      }
    },
  });
}

/**
 * kaudit's command line. The only place that wires parts together; maps errors to exit codes:
 * 0 clean, 1 findings at or above --fail-on, 2 bad usage or input, 3 cluster unreachable or
 * authentication failed, 4 kaudit itself failed (a bug; --debug shows the stack).
 */
import yargs from 'yargs';
import { KauditError } from '../core/errors.js';
import { toolVersion } from '../io/package-root.js';
import { benchmarksCommand } from './commands/benchmarks.js';
import { checksCommand } from './commands/checks.js';
import { demoCommand } from './commands/demo.js';
import { netpolCommand } from './commands/netpol.js';
import { nodeCommand } from './commands/node.js';
import { preflightCommand } from './commands/preflight.js';
import { rbacCommand } from './commands/rbac.js';
import { reportCommand } from './commands/report.js';
import { installCommand } from './commands/install.js';
import { scanCommand } from './commands/scan.js';
import { serveCommand } from './commands/serve.js';
import { snapshotCommand } from './commands/snapshot.js';
import { versionCommand } from './commands/version.js';
import { whoCanCommand } from './commands/who-can.js';
import { errorLine, stackText, type Io } from './io.js';

export const INTERNAL_ERROR_EXIT = 4;

/**
 * The process's own stdout and stderr. A reader that closes stdout (`kaudit checks | head`) is not an
 * error for any command: later writes are dropped instead of ending in an unhandled 'error' event.
 * (Reports stream through writeReport, which stops writing at that point.)
 */
function processIo(): Io {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return;
    // A report being streamed has its own listener, which turns this into exit 2 (writeReport).
    if (process.stdout.listenerCount('error') > 1) return;
    process.stderr.write(errorLine(`stdout: cannot write (${err.code ?? err.message})`));
    process.exit(2);
  });
  return {
    out: (s) => void (process.stdout.writable && process.stdout.write(s)),
    err: (s) => process.stderr.write(s),
    isTTY: process.stdout.isTTY,
    stdout: process.stdout,
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
    errIsTTY: process.stderr.isTTY,
  };
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  let exitCode = 0;
  const debug = argv.includes('--debug');
  const parser = yargs(stdinDash(argv))
    .scriptName('kaudit')
    .usage(
      '$0 <command> [options]\n\nAudits a Kubernetes cluster against the CIS Kubernetes Benchmark and the Pod Security Standards, read-only.',
    )
    .option('debug', { type: 'boolean', describe: 'Log requests and show stack traces', global: true })
    .command(scanCommand(io, (c) => (exitCode = c)))
    .command(snapshotCommand(io))
    .command(demoCommand(io, (c) => (exitCode = c)))
    .command(serveCommand(io))
    .command(checksCommand(io))
    .command(benchmarksCommand(io))
    .command(reportCommand(io, (c) => (exitCode = c)))
    .command(preflightCommand(io))
    .command(installCommand(io))
    .command(versionCommand(io))
    .command(whoCanCommand(io, (c) => (exitCode = c)))
    .command(rbacCommand(io, (c) => (exitCode = c)))
    .command(netpolCommand(io))
    .command(nodeCommand(io))
    .demandCommand(
      1,
      'name a command: scan, snapshot, report, preflight, install, who-can, rbac, netpol, node, demo, serve, checks or benchmarks',
    )
    .recommendCommands()
    .strict()
    .version(toolVersion())
    .help()
    .alias('h', 'help')
    .wrap(helpWidth(io))
    .epilogue(
      'Exit codes: 0 ok, 1 a control failed at or above --fail-on (or a check errored), 2 bad usage or input,\n3 cluster unreachable or unauthenticated, or no read succeeded, 4 kaudit itself failed. Docs: docs/cli.md',
    )
    .exitProcess(false)
    .fail((msg, err) => {
      // yargs' own validation errors (YError) are usage errors; anything else is thrown as is.
      // (a failed .check() arrives as a bare string).
      const e = err as unknown;
      if (e instanceof Error && e.name !== 'YError') throw e;
      if (e instanceof Error) msg = e.message;
      else if (typeof e === 'string') msg = e;
      throw new KauditError(msg.startsWith('Did you mean') ? `unknown command "${argv[0]}". ${msg}` : msg, 2);
    });
  try {
    await parser.parseAsync();
    return exitCode;
  } catch (err) {
    if (err instanceof KauditError) {
      io.err(errorLine(err.message));
      if (debug && err.stack) io.err(stackText(err.stack));
      return err.exitCode;
    }
    io.err(
      errorLine(`internal error: ${err instanceof Error ? err.message : String(err)}${debug ? '' : ' (run with --debug for details)'}`),
    );
    if (debug && err instanceof Error && err.stack) io.err(stackText(err.stack));
    return INTERNAL_ERROR_EXIT;
  }
}

/** Help wraps to the terminal (at most 120 columns, which reads best); 100 when not a terminal. */
const helpWidth = (io: Io): number => Math.min(120, Math.max(60, io.columns ?? 100));

/** yargs reads a lone "-" as a positional word; `--manifests -` means stdin. */
function stdinDash(argv: string[]): string[] {
  return argv
    .map((a, i) => (a === '-' && argv[i - 1] === '--manifests' ? '--manifests=-' : a))
    .filter((a, i, all) => !(a === '--manifests' && all[i + 1] === '--manifests=-'));
}

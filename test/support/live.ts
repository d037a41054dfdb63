/** A loopback API server over an Inventory plus a kubeconfig file for it, and a CLI runner. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiServer, type ApiServer, type ApiServerOptions } from '../../src/apiserver/index.js';
import { main } from '../../src/cli/main.js';

export interface Live {
  server: ApiServer;
  dir: string;
  kubeconfig: string;
  close(): Promise<void>;
}

export async function live(opts: ApiServerOptions, contextName = 'test'): Promise<Live> {
  const server = await startApiServer(opts);
  const dir = mkdtempSync(join(tmpdir(), 'kaudit-test-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, server.kubeconfig({ contextName }));
  return {
    server,
    dir,
    kubeconfig,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in-process; `opts` stand for the terminal (stdout, its width, stderr) and the environment. */
export async function cli(
  args: string[],
  opts: { isTTY?: boolean; columns?: number; errIsTTY?: boolean; env?: Record<string, string | undefined> } = {},
): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await main(args, {
    out: (s) => (out += s),
    err: (s) => (err += s),
    isTTY: opts.isTTY,
    columns: opts.columns,
    errIsTTY: opts.errIsTTY,
    env: opts.env ?? {},
  });
  return { code, out, err };
}

/**
 * `kaudit serve` fails cleanly: a busy port or an unwritable kubeconfig path is exit 2 with one line,
 * and the process ends by itself (a server left listening would keep it alive until the timeout).
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/io/package-root.js';

const bin = join(packageRoot(), 'bin', 'kaudit.js');
const demo = join(packageRoot(), 'src', 'demo', 'cluster');
let dir: string;
let busy: Server | undefined;
afterEach(async () => {
  rmSync(dir, { recursive: true, force: true });
  await new Promise<void>((resolve) => (busy ? busy.close(() => resolve()) : resolve()));
  busy = undefined;
});

/** Runs the CLI; a process that has not ended by itself after 20 s is killed and reported as such. */
function serve(args: string[]): Promise<{ code: number | null; err: string; killed: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'serve', '--manifests', demo, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    let killed = false;
    const timer = setTimeout(() => ((killed = true), child.kill('SIGKILL')), 20_000);
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, err, killed });
    });
  });
}

describe('kaudit serve', () => {
  it('on a port in use: exit 2, one line', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kaudit-serve-'));
    busy = createServer();
    await new Promise<void>((resolve) => busy!.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    expect(await serve(['--port', String(port), '--write-kubeconfig', join(dir, 'kc')])).toEqual({
      code: 2,
      err: `kaudit: --port ${port}: already in use on 127.0.0.1\n`,
      killed: false,
    });
  });

  it('with an unwritable kubeconfig path: exit 2, one line, and the server stopped', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kaudit-serve-'));
    const kubeconfig = join(dir, 'missing', 'kc');
    expect(await serve(['--write-kubeconfig', kubeconfig])).toEqual({
      code: 2,
      err: `kaudit: --write-kubeconfig ${kubeconfig}: cannot write (ENOENT)\n`,
      killed: false,
    });
  });
});

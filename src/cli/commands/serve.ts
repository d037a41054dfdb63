import { writeFileSync } from 'node:fs';
import { UsageError } from '../../core/errors.js';
import { startApiServer, type ApiServer } from '../../apiserver/index.js';
import type { Io } from '../io.js';
import { namespaceName, typedCommand } from '../options.js';
import { loadInventory } from '../../pipeline/source.js';
import { INVENTORY_KEYS, type Inventory } from '../../core/inventory.js';

export function serveCommand(io: Io) {
  return typedCommand({
    command: 'serve',
    describe: 'Serve manifests or a snapshot as a read-only Kubernetes API (for demos, tests and kubectl)',
    builder: (y) =>
      y
        .option('manifests', { type: 'string', array: true, describe: 'Manifests to serve (files, directories, - for stdin)' })
        .option('snapshot', { type: 'string', describe: 'Snapshot to serve' })
        .option('manifest-namespace', {
          type: 'string',
          default: 'default',
          describe: 'Namespace of objects that name none, as `kubectl apply` (docs/offline.md)',
        })
        .option('port', { type: 'number', default: 0, describe: 'Port on 127.0.0.1 (0 = any free port)' })
        .option('write-kubeconfig', {
          type: 'string',
          default: 'kaudit-serve.kubeconfig',
          describe: 'Where to write the kubeconfig for this server',
        })
        .example('$0 serve --snapshot prod.json --port 6443', 'then: kubectl --kubeconfig kaudit-serve.kubeconfig get pods -A')
        .check((a) =>
          a.manifests || a.snapshot
            ? (namespaceName('manifest-namespace', a['manifest-namespace']) ?? true)
            : 'serve needs --manifests or --snapshot',
        ),
    handler: async (a) => {
      const port = a.port;
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0..65535 (got ${port})`);
      const { inventory } = await loadInventory(
        { manifests: a.manifests, snapshot: a.snapshot, manifestNamespace: a.manifestNamespace, concurrency: 1, requestTimeout: 30 },
        INVENTORY_KEYS,
        () => undefined,
      );
      const server = await listen(inventory, port);
      const file = a.writeKubeconfig;
      try {
        writeFileSync(file, server.kubeconfig({ contextName: 'kaudit-serve' }), { mode: 0o600 });
      } catch (err) {
        // Nobody could use a server without its kubeconfig: stop it, or the process would keep listening.
        await server.close();
        throw new UsageError(`--write-kubeconfig ${file}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      }
      io.err(`kaudit: serving ${server.url} (read-only); kubeconfig written to ${file}; Ctrl-C stops\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
    },
  });
}

/** The loopback server on `port`; a port that is taken or not allowed is bad usage (exit 2), not a crash. */
async function listen(inventory: Inventory, port: number): Promise<ApiServer> {
  try {
    return await startApiServer({ inventory, port });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`--port ${port}: already in use on 127.0.0.1`);
    if (code === 'EACCES') throw new UsageError(`--port ${port}: not allowed on 127.0.0.1 (ports below 1024 need privileges)`);
    throw err;
  }
}

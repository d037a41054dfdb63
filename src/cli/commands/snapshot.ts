import type { CommandModule } from 'yargs';
import { INVENTORY_KEYS } from '../../core/inventory.js';
import { writeSnapshot } from '../../offline/snapshot.js';
import type { Io } from '../io.js';
import { positiveInteger, sourceOptions } from '../options.js';
import { loadInventory } from '../source.js';

export function snapshotCommand(io: Io): CommandModule {
  return {
    command: 'snapshot',
    describe: 'Collect everything kaudit can read into a secret-free JSON file, to scan later with --snapshot',
    builder: (y) =>
      sourceOptions(y)
        .option('output', { alias: 'o', type: 'string', demandOption: true, describe: 'Snapshot file to write' })
        .example('$0 snapshot --context prod -o prod.json', 'collect once')
        .example('$0 scan --snapshot prod.json --benchmark pss-restricted', 'scan many times, offline')
        .check((a) => positiveInteger('concurrency', a.concurrency as number) ?? true),
    handler: async (argv) => {
      const a = argv as Record<string, unknown>;
      const log = (line: string) => io.err(`kaudit: ${line}\n`);
      const { inventory, warnings } = await loadInventory(
        {
          kubeconfig: a.kubeconfig as string | undefined,
          context: a.context as string | undefined,
          inCluster: a.inCluster as boolean | undefined,
          manifests: a.manifests as string[] | undefined,
          snapshot: a.snapshot as string | undefined,
          namespace: a.namespace as string[] | undefined,
          excludeNamespace: a.excludeNamespace as string[] | undefined,
          concurrency: a.concurrency as number,
          requestTimeout: a.requestTimeout as number,
          debug: a.debug as boolean | undefined,
        },
        INVENTORY_KEYS,
        log,
      );
      for (const w of warnings) log(`warning: ${w}`);
      writeSnapshot(a.output as string, inventory);
      const objects = Object.values(inventory).filter(Array.isArray).reduce((n, v) => n + v.length, 0);
      log(`snapshot of ${objects} entries written to ${a.output as string}`);
    },
  };
}

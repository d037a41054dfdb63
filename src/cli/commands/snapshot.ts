import type { CommandModule } from 'yargs';
import { INVENTORY_KEYS } from '../../core/inventory.js';
import { writeSnapshot } from '../../offline/snapshot.js';
import type { Io } from '../io.js';
import { nodeReportOptions, sourceArgs, sourceOptions, stderrLog } from '../options.js';
import { loadInventory } from '../source.js';

export function snapshotCommand(io: Io): CommandModule {
  return {
    command: 'snapshot',
    describe: 'Collect everything kaudit can read into a secret-free JSON file, to scan later with --snapshot',
    builder: (y) =>
      nodeReportOptions(sourceOptions(y))
        .option('output', { alias: 'o', type: 'string', demandOption: true, describe: 'Snapshot file to write' })
        .example('$0 snapshot --context prod -o prod.json', 'collect once')
        .example('$0 scan --snapshot prod.json --benchmark pss-restricted', 'scan many times, offline'),
    handler: async (argv) => {
      const a = argv as Record<string, unknown>;
      const log = stderrLog(io.err);
      const { inventory, warnings } = await loadInventory(sourceArgs(a), INVENTORY_KEYS, log);
      for (const w of warnings) log(`warning: ${w}`);
      await writeSnapshot(a.output as string, inventory);
      const objects = Object.values(inventory).filter(Array.isArray).reduce((n, v) => n + v.length, 0);
      log(`snapshot of ${objects} entries written to ${a.output as string}`);
    },
  };
}

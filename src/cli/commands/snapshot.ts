import { INVENTORY_KEYS } from '../../core/inventory.js';
import { writeSnapshot } from '../../offline/snapshot.js';
import type { Io } from '../io.js';
import { nodeReportOptions, sourceArgs, sourceOptions, stderrLog, typedCommand } from '../options.js';
import { loadInventory } from '../../pipeline/source.js';
import { progressFor, readProgress } from './scan.js';

export function snapshotCommand(io: Io) {
  return typedCommand({
    command: 'snapshot',
    describe: 'Collect everything kaudit can read into a secret-free JSON file, to scan later with --snapshot',
    builder: (y) =>
      nodeReportOptions(sourceOptions(y))
        .option('output', { alias: 'o', type: 'string', demandOption: true, describe: 'Snapshot file to write' })
        .option('quiet', { alias: 'q', type: 'boolean', describe: 'No progress lines on stderr' })
        .example('$0 snapshot --context prod -o prod.json', 'collect once')
        .example('$0 scan --snapshot prod.json --benchmark pss-restricted', 'scan many times, offline'),
    handler: async (a) => {
      const log = stderrLog(io.err);
      const progress = progressFor(io, a.quiet);
      let loaded;
      try {
        const reading = readProgress(progress);
        loaded = await loadInventory({ ...sourceArgs(a), onProgress: reading.onProgress }, INVENTORY_KEYS, log);
        reading.finish();
        progress.update(`writing ${a.output}`, true);
        await writeSnapshot(a.output, loaded.inventory);
      } finally {
        progress.done();
      }
      const { inventory, warnings } = loaded;
      for (const w of warnings) log(`warning: ${w}`);
      const objects = Object.values(inventory)
        .filter(Array.isArray)
        .reduce((n, v) => n + v.length, 0);
      log(`snapshot of ${objects} entries written to ${a.output}`);
    },
  });
}

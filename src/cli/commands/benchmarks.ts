import Table from 'cli-table3';
import type { CommandModule } from 'yargs';
import type { Io } from '../io.js';
import { loadCatalog } from '../registry.js';
import { loadVersionMap } from '../../profiles/load.js';

export function benchmarksCommand(io: Io): CommandModule {
  return {
    command: 'benchmarks',
    describe: 'List the benchmark profiles and their control counts',
    builder: (y) => y.example('$0 benchmarks', 'profiles, control counts, default for which Kubernetes versions'),
    handler: () => {
      const { profiles } = loadCatalog();
      const map = loadVersionMap();
      const table = new Table({ head: ['Profile', 'Title', 'Version', 'Controls', 'Automated', 'Manual', 'Default for'], style: { head: [], border: [] } });
      for (const p of profiles) {
        const controls = p.sections.flatMap((s) => s.controls);
        const minors = map.filter((e) => e.profile === p.id).flatMap((e) => e.minors);
        table.push([p.id, p.title, p.version, controls.length, controls.filter((c) => c.checks.length).length, controls.filter((c) => !c.checks.length && c.type === 'manual').length, minors.join(', ')]);
      }
      io.out(table.toString() + '\n');
    },
  };
}

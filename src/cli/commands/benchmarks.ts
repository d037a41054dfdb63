import Table from 'cli-table3';
import type { Io } from '../io.js';
import { typedCommand } from '../options.js';
import { isJsonOutput, structuredOutput } from '../structured-output.js';
import { loadCatalog } from '../../pipeline/registry.js';
import { loadVersionMap } from '../../profiles/load.js';

export function benchmarksCommand(io: Io) {
  return typedCommand({
    command: 'benchmarks',
    describe: 'List the benchmark profiles and their control counts',
    builder: (y) =>
      structuredOutput(y)
        .example('$0 benchmarks', 'profiles, control counts, default for which Kubernetes versions')
        .example('$0 benchmarks -o json', 'the same for scripts'),
    handler: (argv) => {
      const { profiles } = loadCatalog();
      const map = loadVersionMap();
      const rows = profiles.map((p) => {
        const controls = p.sections.flatMap((s) => s.controls);
        return {
          id: p.id,
          title: p.title,
          version: p.version,
          controls: controls.length,
          automated: controls.filter((c) => c.checks.length).length,
          manual: controls.filter((c) => !c.checks.length && c.type === 'manual').length,
          defaultFor: map.filter((e) => e.profile === p.id).flatMap((e) => e.minors),
        };
      });
      if (isJsonOutput(argv)) return io.out(JSON.stringify(rows, null, 2) + '\n');
      const table = new Table({
        head: ['Profile', 'Title', 'Version', 'Controls', 'Automated', 'Manual', 'Default for'],
        style: { head: [], border: [] },
      });
      for (const r of rows) table.push([r.id, r.title, r.version, r.controls, r.automated, r.manual, r.defaultFor.join(', ')]);
      io.out(table.toString() + '\n');
    },
  });
}

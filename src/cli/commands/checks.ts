import Table from 'cli-table3';
import { UsageError } from '../../core/errors.js';
import { controlsByCheck } from '../../pipeline/generate.js';
import type { Io } from '../io.js';
import { typedCommand } from '../options.js';
import { isJsonOutput, structuredOutput } from '../structured-output.js';
import { loadCatalog } from '../../pipeline/registry.js';

export function checksCommand(io: Io) {
  return typedCommand({
    command: 'checks [action] [id]',
    describe: 'List the checks, or `checks explain ID` for one check in full',
    builder: (y) =>
      structuredOutput(y)
        .positional('action', { type: 'string', choices: ['list', 'explain'], default: 'list' })
        .positional('id', { type: 'string', describe: 'Check id (for explain)' })
        .example('$0 checks', 'every check with its severity and the controls that use it')
        .example('$0 checks explain rbac-cluster-admin-binding', 'description, remediation and a failing example')
        .example('$0 checks -o json', 'the catalog for scripts'),
    handler: (argv) => {
      const { checks, profiles } = loadCatalog();
      const byCheck = controlsByCheck(profiles);
      if (argv.action === 'explain') {
        const id = argv.id;
        if (!id) throw new UsageError('checks explain: name a check id (see `kaudit checks`)');
        const check = checks.get(id);
        if (!check) throw new UsageError(`checks explain: unknown check id "${id}" (see \`kaudit checks\`)`);
        const m = check.meta;
        if (isJsonOutput(argv)) return io.out(JSON.stringify({ ...m, controls: byCheck.get(id) ?? [] }, null, 2) + '\n');
        const lines = [
          `${m.id} (${m.severity}): ${m.title}`,
          '',
          m.description,
          '',
          `Controls: ${(byCheck.get(id) ?? ['none']).join(', ')}`,
          `Reads: ${m.requires.join(', ')}`,
          '',
          'Remediation:',
          m.remediation,
        ];
        if (m.options) lines.push('', 'Options (set with --check-options FILE), defaults:', JSON.stringify(m.options.defaults, null, 2));
        if (m.example)
          lines.push(
            '',
            m.exampleOptions ? `Failing example (with the options ${JSON.stringify(m.exampleOptions)}):` : 'Failing example:',
            m.example.trim(),
          );
        if (m.references?.length) lines.push('', 'References:', ...m.references.map((r) => `  ${r}`));
        io.out(lines.join('\n') + '\n');
        return;
      }
      const sorted = [...checks.values()].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
      if (isJsonOutput(argv))
        return io.out(
          JSON.stringify(
            sorted.map((c) => ({
              id: c.meta.id,
              severity: c.meta.severity,
              title: c.meta.title,
              controls: byCheck.get(c.meta.id) ?? [],
              requires: c.meta.requires,
            })),
            null,
            2,
          ) + '\n',
        );
      const table = new Table({
        head: ['Check', 'Severity', 'Title', 'Controls'],
        style: { head: [], border: [] },
        wordWrap: true,
        colWidths: [34, 10, 44, 30],
      });
      for (const c of sorted) table.push([c.meta.id, c.meta.severity, c.meta.title, (byCheck.get(c.meta.id) ?? []).join(', ')]);
      io.out(table.toString() + '\n');
    },
  });
}

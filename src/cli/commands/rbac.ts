import Table from 'cli-table3';
import { UsageError } from '../../core/errors.js';
import { terminalText } from '../../core/terminal-text.js';
import { DEFAULT_SKIP_SUBJECTS, matchesAny } from '../../../checks/_shared/rbac-skip-subjects.js';
import { identityLabel } from '../../../checks/_shared/rbac-identities.js';
import {
  CLUSTER_ADMIN,
  describeEvidence,
  ESCALATION_KEYS,
  escalationGraph,
  hopText,
  parseIdentity,
  pathJson,
} from '../../../checks/_shared/rbac-escalation.js';
import type { Io } from '../io.js';
import { INCOMPLETE_EXIT, listFormat, listFormatOption, unreadData } from './list-format.js';
import { sourceArgs, sourceOptions, stderrLog, typedCommand } from '../options.js';
import { loadInventory } from '../../pipeline/source.js';

export function rbacCommand(io: Io, setExitCode: (code: number) => void) {
  return typedCommand({
    command: 'rbac <action>',
    describe: 'RBAC as an attacker reads it: `rbac paths` lists the shortest way from each subject to cluster-admin',
    builder: (y) =>
      listFormatOption(sourceOptions(y))
        .positional('action', { type: 'string', choices: ['paths'] })
        .option('to', { type: 'string', choices: [CLUSTER_ADMIN], default: CLUSTER_ADMIN, describe: 'Target power' })
        .option('from', { type: 'string', describe: 'Only this subject: User/NAME, Group/NAME or ServiceAccount/NAMESPACE/NAME' })
        .option('include-system', {
          type: 'boolean',
          describe: 'Also the built-in system subjects that hold these rights by design (system:masters, kube-system accounts, ...)',
        })
        .example('$0 rbac paths --context prod', 'every subject that can become cluster-admin, and how')
        .example('$0 rbac paths --from ServiceAccount/monitoring/prometheus -f json', 'the path of one account, as JSON'),
    handler: async (a) => {
      const from = a.from === undefined ? undefined : parseIdentity(String(a.from));
      if (a.from !== undefined && !from)
        throw new UsageError(
          `rbac paths: --from "${String(a.from)}" is not a subject (User/NAME, Group/NAME or ServiceAccount/NAMESPACE/NAME)`,
        );
      if (sourceArgs(a).namespace?.length) throw new UsageError('rbac paths: --namespace does not apply (a path crosses namespaces)');
      const { inventory } = await loadInventory(sourceArgs(a), ESCALATION_KEYS, stderrLog(io.err));
      const unread = unreadData(inventory, ESCALATION_KEYS, io);
      if (unread.length) setExitCode(INCOMPLETE_EXIT);
      const graph = escalationGraph(inventory);
      const starts = from ? [from] : graph.identities.filter((id) => a.includeSystem || !matchesAny(DEFAULT_SKIP_SUBJECTS, id.key));
      const found = starts.flatMap((id) => {
        const hops = graph.pathFrom(id);
        return hops ? [{ id, hops }] : [];
      });
      found.sort((p, q) => p.hops.length - q.hops.length || p.id.key.localeCompare(q.id.key));
      const format = listFormat(a, io);
      if (format === 'json') {
        const subject = (id: (typeof found)[number]['id']) => ({
          kind: id.kind,
          ...(id.namespace ? { namespace: id.namespace } : {}),
          name: id.name,
        });
        io.out(
          JSON.stringify(
            {
              to: CLUSTER_ADMIN,
              paths: found.map((p) => ({ subject: subject(p.id), steps: p.hops.length, hops: pathJson(p.hops) })),
              ...(unread.length ? { incomplete: unread } : {}),
            },
            null,
            2,
          ) + '\n',
        );
      } else if (found.length) {
        const table = new Table({
          head: ['Subject', 'Steps', 'Path (each step: what it allows, then the binding and rule that grant it)'],
          style: { head: [], border: [] },
          wordWrap: true,
          colWidths: [36, 7, 100],
        });
        for (const p of found) {
          const lines = p.hops.flatMap((h, i) => [
            `${i + 1}. ${terminalText(hopText(h))}`,
            ...h.evidence.map((e) => `     via ${terminalText(describeEvidence(e))}`),
          ]);
          table.push([terminalText(identityLabel(p.id)), String(p.hops.length), lines.join('\n')]);
        }
        io.out(table.toString() + '\n');
      }
      io.err(
        `kaudit: ${found.length} subject${found.length === 1 ? '' : 's'} can reach ${CLUSTER_ADMIN}${from || a.includeSystem ? '' : ' (built-in system subjects not shown; --include-system shows them)'}\n`,
      );
    },
  });
}

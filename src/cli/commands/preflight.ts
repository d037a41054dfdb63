import Table from 'cli-table3';
import { UsageError } from '../../core/errors.js';
import { terminalText } from '../../core/terminal-text.js';
import type { InventoryKey } from '../../core/inventory.js';
import { loadVersionMap, selectProfiles } from '../../profiles/load.js';
import type { Io } from '../io.js';
import { sourceArgs, sourceOptions, stderrLog, typedCommand } from '../options.js';
import { loadCatalog } from '../../pipeline/registry.js';
import { openCluster } from '../../pipeline/source.js';

/** Which controls each Inventory key feeds, for the selected profiles. */
function controlsByKey(profileIds: string[]): Map<InventoryKey, string[]> {
  const { checks, profiles } = loadCatalog();
  const byKey = new Map<InventoryKey, string[]>();
  for (const p of selectProfiles(profiles, profileIds)) {
    for (const s of p.sections) {
      for (const c of s.controls) {
        const keys = new Set(c.checks.flatMap((id) => checks.get(id)?.meta.requires ?? []));
        for (const k of keys) byKey.set(k, [...(byKey.get(k) ?? []), `${p.id} ${c.id}`]);
      }
    }
  }
  return byKey;
}

export function preflightCommand(io: Io) {
  return typedCommand({
    command: 'preflight',
    describe: 'Check what the current credentials may read, and which controls would be not-assessed without it',
    builder: (y) =>
      sourceOptions(y)
        .option('benchmark', {
          alias: 'b',
          type: 'string',
          array: true,
          describe: 'Profiles whose needs to check (default: the CIS profiles of the version map)',
        })
        .example('$0 preflight --context prod', 'before a scan with a locked-down account')
        .example('$0 preflight -b pss-restricted', 'what the Pod Security Standards profile needs'),
    handler: async (a) => {
      const args = sourceArgs(a);
      if (args.manifests?.length || args.snapshot)
        throw new UsageError('preflight asks a live cluster: --manifests and --snapshot do not apply');
      const ids = a.benchmark?.flatMap((b) => b.split(',')).filter(Boolean) ?? [...new Set(loadVersionMap().map((e) => e.profile))];
      const byKey = controlsByKey(ids);
      const { checkAccess, accessNeeds } = await import('../../cluster/access.js');
      const { http } = await openCluster(args, stderrLog(io.err));
      try {
        const answers = await checkAccess(http, accessNeeds(byKey.keys()), args.concurrency);
        const table = new Table({
          head: ['Access', 'Allowed', 'Without it, not assessed'],
          style: { head: [], border: [] },
          wordWrap: true,
          colWidths: [70, 9, 60],
        });
        let denied = 0;
        let unknown = 0;
        // Denied first, then unanswered, then allowed.
        const rank = (x: { allowed?: boolean }) => (x.allowed === false ? 0 : x.allowed === undefined ? 1 : 2);
        for (const x of answers.sort((p, q) => rank(p) - rank(q) || p.resource.localeCompare(q.resource))) {
          const what = `${x.verb} ${x.group ? `${x.resource}.${x.group}` : x.resource}${x.subresource ? `/${x.subresource}` : ''}${x.namespace ? ` in ${x.namespace}` : ' (all namespaces)'}`;
          const controls = byKey.get(x.key) ?? [];
          if (x.allowed === false) denied++;
          if (x.allowed === undefined) unknown++;
          const affected = `${controls.length} controls: ${controls.slice(0, 8).join(', ')}${controls.length > 8 ? ', …' : ''}`;
          table.push([
            what,
            x.allowed === undefined ? 'unknown' : x.allowed ? 'yes' : 'NO',
            x.allowed
              ? ''
              : x.allowed === undefined
                ? `not answered (${terminalText(x.error ?? '')}); if not allowed, ${affected}`
                : affected,
          ]);
        }
        io.out(table.toString() + '\n');
        // Only answers given are counted as allowed or not; unanswered reviews are named as such.
        const verdict = [
          denied
            ? `${denied} not allowed; their controls will be not-assessed (see docs/deploy.md for the ClusterRole)`
            : unknown
              ? ''
              : 'all allowed',
          unknown ? `${unknown} not answered (unknown in the table)` : '',
        ].filter(Boolean);
        io.err(`kaudit: ${answers.length} reads checked for ${ids.join(', ')}: ${verdict.join('; ')}\n`);
      } finally {
        await http.close();
      }
    },
  });
}

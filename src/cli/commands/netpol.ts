import Table from 'cli-table3';
import {
  NETPOL_SUMMARY_KEYS,
  namespaceIsolation,
  unevaluatedTexts,
  type NamespaceIsolation,
} from '../../../checks/_shared/netpol-summary.js';
import { findEndpoint, REACH_KEYS, resolvePort, whoCanReach, type ReachAnswer } from '../../../checks/_shared/netpol-reach.js';
import { UsageError } from '../../core/errors.js';
import type { Inventory } from '../../core/inventory.js';
import { terminalText } from '../../core/terminal-text.js';
import type { Io } from '../io.js';
import { sourceArgs, sourceOptions, stderrLog, typedCommand } from '../options.js';
import { loadInventory } from '../../pipeline/source.js';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

/** Reads that failed for the kinds the answer rests on: the answer is then incomplete, and says so. */
const gapsOf = (inv: Inventory): string[] =>
  inv.coverage
    .filter((c) => (REACH_KEYS as readonly string[]).includes(c.key))
    .map((c) => `${c.kind}${c.namespace ? ` in ${c.namespace}` : ''}: ${c.reason}`);

const table = (head: string[]) => new Table({ head, style: { head: [], border: [] }, wordWrap: true });

function summaryTable(rows: NamespaceIsolation[], unevaluated: string[]): string {
  const t = table([
    'Namespace',
    'Policies',
    'Cilium/Calico',
    'Pods',
    'Ingress isolated',
    'Egress isolated',
    'Default deny (ingress / egress)',
  ]);
  for (const r of rows)
    t.push([
      terminalText(r.namespace),
      r.policies,
      r.crdPolicies,
      r.pods,
      `${r.ingressIsolated}/${r.pods}`,
      `${r.egressIsolated}/${r.pods}`,
      `${r.defaultDeny.ingress} / ${r.defaultDeny.egress}`,
    ]);
  const notUnderstood = [...new Set(rows.flatMap((r) => r.notUnderstood))];
  return (
    t.toString() +
    '\n' +
    notUnderstood.map((p) => terminalText(`Not understood (selects nothing): ${p}`) + '\n').join('') +
    unevaluated.map((u) => terminalText(`Not evaluated: ${u}`) + '\n').join('')
  );
}

function reachText(answer: ReachAnswer): string {
  const t = table(['Source', 'Pods', 'Admitted by (destination ingress)', 'Allowed by (source egress)']);
  for (const s of answer.sources)
    t.push([terminalText(`${s.kind} ${s.namespace}/${s.name}`), s.podCount, terminalText(s.ingress), terminalText(s.egress)]);
  const { kind, namespace, name } = answer.target;
  const isolation = answer.ingressPolicies.length
    ? `isolated for ingress by ${answer.ingressPolicies.join(', ')}`
    : 'not isolated for ingress';
  return [
    terminalText(`${kind} ${namespace}/${name} port ${answer.port}/${answer.protocol}: ${isolation}`),
    answer.sources.length ? t.toString() : 'No pod may reach it.',
    `Addresses admitted: ${answer.addresses.length ? terminalText(answer.addresses.join('; ')) : 'none'}`,
    ...answer.caveats.map((c) => terminalText(`Caveat: ${c}`)),
    '',
  ].join('\n');
}

export function netpolCommand(io: Io) {
  return typedCommand({
    command: 'netpol [action] [target]',
    describe:
      'Network isolation per namespace (NetworkPolicy, Cilium, Calico; other served policy kinds are named, not evaluated), or `netpol reach NS/NAME --port P`: which pods may reach it, from the policies alone',
    builder: (y) =>
      sourceOptions(y)
        .positional('action', { type: 'string', choices: ['summary', 'reach'], default: 'summary' })
        .positional('target', {
          type: 'string',
          describe: 'For reach: the destination, NAMESPACE/NAME (a pod, else a workload) or NAMESPACE/KIND/NAME',
        })
        .option('port', { type: 'string', describe: 'For reach: destination port, a number or a container port name' })
        .option('protocol', { type: 'string', default: 'TCP', choices: PROTOCOLS, describe: 'For reach: protocol' })
        .option('format', { alias: 'f', type: 'string', choices: ['table', 'json'], default: 'table', describe: 'Output format' })
        .example('$0 netpol --context prod', 'pods isolated / total for ingress and egress, and default denies, per namespace')
        .example('$0 netpol reach shop/api --port http', 'which workloads may open a connection to shop/api on its port named http'),
    handler: async (a) => {
      const reach = a.action === 'reach';
      const target = a.target;
      const port = a.port;
      if (reach && (!target || port === undefined))
        throw new UsageError('netpol reach: name the destination and the port: netpol reach NAMESPACE/NAME --port PORT');
      if (!reach && (target || port !== undefined)) throw new UsageError('netpol: a destination and --port go with `netpol reach`');
      const log = stderrLog(io.err);
      const { inventory, warnings } = await loadInventory(sourceArgs(a), reach ? REACH_KEYS : NETPOL_SUMMARY_KEYS, log);
      for (const w of warnings) log(`warning: ${w}`);
      const incomplete = gapsOf(inventory);
      const json = a.format === 'json';
      if (!reach) {
        const rows = namespaceIsolation(inventory);
        const unevaluated = unevaluatedTexts(inventory);
        io.out(json ? JSON.stringify({ namespaces: rows, incomplete, unevaluated }, null, 2) + '\n' : summaryTable(rows, unevaluated));
      } else {
        const endpoint = findEndpoint(inventory, target!);
        if (!endpoint)
          throw new UsageError(`netpol reach: no pod or workload ${target} in the input (NAMESPACE/NAME or NAMESPACE/KIND/NAME)`);
        const protocol = a.protocol;
        const number = resolvePort(endpoint, port!, protocol);
        if (number === undefined || number < 1 || number > 65535)
          throw new UsageError(`netpol reach: --port ${port} is neither a port number nor a ${protocol} container port name of ${target}`);
        const answer = whoCanReach(inventory, endpoint, number, protocol);
        io.out(json ? JSON.stringify({ ...answer, incomplete }, null, 2) + '\n' : reachText(answer));
      }
      if (incomplete.length) log(`incomplete: the answer leaves out what could not be read (${incomplete.join('; ')})`);
    },
  });
}

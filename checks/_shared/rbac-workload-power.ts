/**
 * What a workload's service account can do, as an attacker who compromises one of its pods gets it:
 * the account's token is mounted, so its rights (own and through its groups) are the pod's.
 * Ranked: cluster-admin power, a path to it, secrets of every namespace, running or entering pods.
 */
import type { Inventory } from '../../src/core/inventory.js';
import { scanCache } from '../../src/core/scan-cache.js';
import { describeEvidence, escalationGraph, pathEvidence, type EscalationGraph, type Hop, type Power } from './rbac-escalation.js';
import type { Identity } from './rbac-identities.js';

export type PowerLevel = 'cluster-admin' | 'escalation-path' | 'secrets-cluster-wide' | 'pods';

/** The levels, most dangerous first (0), for ranking. */
export const POWER_RANK: Readonly<Record<PowerLevel, number>> = {
  'cluster-admin': 0,
  'escalation-path': 1,
  'secrets-cluster-wide': 2,
  pods: 3,
};

export interface AccountPower {
  level: PowerLevel;
  /** In words: "holds every verb on every resource cluster-wide", "can reach cluster-admin power in 2 steps". */
  summary: string;
  /** The path or the grants, for evidence. */
  evidence: string;
  hops?: Hop[];
}

const POD_RIGHTS = new Set(['run-pods', 'exec', 'nodes-proxy', 'namespace-admin']);

const powerText = (p: Power): string => `${p.asMember ? `as member of Group ${p.asMember}, ` : ''}${p.action}`;
const powerEvidence = (p: Power): string => `${powerText(p)} [${p.evidence.map(describeEvidence).join('; ')}]`;

const cache = scanCache<EscalationGraph, Map<string, AccountPower | undefined>>();

/** The strongest dangerous power of an account, or undefined when it has none the graph knows (once per account and graph). */
export function accountPower(inv: Inventory, account: Identity): AccountPower | undefined {
  const graph = escalationGraph(inv);
  let known = cache.get(graph);
  if (!known) cache.set(graph, (known = new Map<string, AccountPower | undefined>()));
  if (known.has(account.key)) return known.get(account.key);
  const power = strongestPower(graph, account);
  known.set(account.key, power);
  return power;
}

function strongestPower(graph: EscalationGraph, account: Identity): AccountPower | undefined {
  const hops = graph.pathFrom(account);
  const only = hops?.length === 1 ? hops[0] : undefined;
  if (hops && only)
    return { level: 'cluster-admin', summary: powerText({ ...only, scope: undefined, admin: true }), evidence: pathEvidence(hops), hops };
  if (hops)
    return {
      level: 'escalation-path',
      summary: `can reach cluster-admin power in ${hops.length} steps`,
      evidence: pathEvidence(hops),
      hops,
    };
  const powers = graph.powersOf(account);
  const secrets = powers.find((p) => p.right === 'secrets' && p.scope === '*');
  if (secrets) return { level: 'secrets-cluster-wide', summary: powerText(secrets), evidence: powerEvidence(secrets) };
  const pods = powers.filter((p) => POD_RIGHTS.has(p.right));
  if (pods.length) return { level: 'pods', summary: pods.map(powerText).join('; '), evidence: pods.map(powerEvidence).join(' ') };
  return undefined;
}

/** "runs as cluster-admin-equivalent ServiceAccount legacy/default", "runs as ServiceAccount shop/ci, which reads Secrets in every namespace". */
export function runsAsText(account: string, power: AccountPower): string {
  switch (power.level) {
    case 'cluster-admin':
      return `runs as cluster-admin-equivalent ServiceAccount ${account}`;
    case 'escalation-path':
      return `runs as ServiceAccount ${account}, which ${power.summary}`;
    case 'secrets-cluster-wide':
      return `runs as ServiceAccount ${account}, which reads Secrets in every namespace`;
    case 'pods':
      return `runs as ServiceAccount ${account}, which can create or enter pods`;
  }
}

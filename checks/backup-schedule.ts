import { defineCheck, needsReview } from '../src/core/check.js';
import { servedState } from '../src/core/inventory.js';
import type { KObject } from '../src/core/k8s.js';
import { fieldAt, listAt } from '../src/core/shape.js';
import { clusterRef, listed } from './_shared/cluster.js';
import { dateOf } from './_shared/kubernetes-releases.js';

/** Backup operators other than Velero, by workload name or image. */
const OTHER_OPERATORS: [string, RegExp][] = [
  ['Kasten K10', /kasten|(^|\/)k10-/],
  ['Stash / KubeStash', /appscode\/(stash|kubestash)/],
  ['TrilioVault', /trilio/],
  ['CloudCasa', /cloudcasa/],
  ['Portworx PX-Backup', /px-backup/],
  ['etcd snapshot CronJob', /etcd-?backup|etcdctl.*snapshot/],
];

// Any of them at once: one test per text instead of one per operator (40,000 workloads at 150,000 pods).
const ANY_OPERATOR = new RegExp(OTHER_OPERATORS.map(([, re]) => `(?:${re.source})`).join('|'));

interface Subject {
  schedule?: KObject;
  problem: 'noBackup' | 'noSchedule' | 'noSuccess' | 'stale' | 'ok';
  data: Record<string, string | number>;
}

const HOUR = 3_600_000;

const scheduleCovers = (s: KObject): boolean => {
  // Absent means every namespace; a value that is not a list covers nothing we can name (never "all").
  const included = fieldAt(s.spec, 'template', 'includedNamespaces');
  const list = included === undefined ? [] : Array.isArray(included) ? included : undefined;
  return !fieldAt(s.spec, 'paused') && list !== undefined && (list.length === 0 || list.includes('*'));
};

function workloadText(o: KObject): string[] {
  const spec = fieldAt(o.spec, 'jobTemplate', 'spec', 'template', 'spec') ?? fieldAt(o.spec, 'template', 'spec');
  const containers = (fieldAt(spec, 'containers') ?? []) as { image?: string; command?: string[]; args?: string[] }[];
  return [o.metadata.name, ...containers.map((c) => [c.image ?? '', ...(c.command ?? []), ...(c.args ?? [])].join(' '))];
}

export default defineCheck({
  meta: {
    id: 'backup-schedule',
    title: 'The cluster is backed up on a schedule, and the last backup succeeded recently',
    description:
      'Without a tested backup, a compromised or corrupted cluster (ransomware deleting namespaces, an etcd failure) cannot be restored. Rule: with Velero (its Schedule kind served), an unpaused Schedule must cover every namespace (no includedNamespaces, or *), and the newest Backup with phase Completed must be younger than maxAgeHours (default 48) as of the scan date (--as-of); Backups without a readable status are not aged. Without Velero, another known backup operator (Kasten K10, Stash, TrilioVault, CloudCasa, PX-Backup) or an etcd snapshot CronJob makes the control manual with what was found; nothing at all fails.',
    severity: 'medium',
    requires: ['veleroSchedules', 'veleroBackups', 'deployments', 'statefulSets', 'cronJobs'],
    // Velero's Schedules and Backups live in its own namespace.
    dataNamespaces: 'all',
    judgesAbsence: ['veleroSchedules', 'veleroBackups', 'deployments', 'statefulSets', 'cronJobs'],
    messages: {
      noBackup:
        'No backup operator was found (Velero not installed; no Kasten K10, Stash, TrilioVault, CloudCasa, PX-Backup or etcd snapshot CronJob)',
      noSchedule: 'Velero is installed but no unpaused Schedule backs up every namespace{{detail}}',
      noSuccess: 'No Velero backup has completed successfully ({{count}} backups)',
      stale: 'The last successful Velero backup ({{name}}) completed {{hours}} hours ago, more than {{maxAgeHours}}',
    },
    remediation:
      'Install Velero (or your backup operator), create a Schedule covering every namespace (and etcd snapshots on self-managed control planes), alert on failed backups, and test restores regularly.',
    references: [
      'https://velero.io/docs/main/backup-reference/',
      'https://kubernetes.io/docs/tasks/administer-cluster/configure-upgrade-etcd/#backing-up-an-etcd-cluster',
    ],
    options: {
      defaults: { maxAgeHours: 48, asOf: '' },
      schema: {
        type: 'object',
        properties: { maxAgeHours: { type: 'number', exclusiveMinimum: 0 }, asOf: { type: 'string' } },
        additionalProperties: false,
      },
    },
    example: `apiVersion: velero.io/v1
kind: Schedule
metadata: {name: shop-daily, namespace: velero}
spec:
  schedule: 0 2 * * *
  template: {includedNamespaces: [shop]}`,
  },
  select(inv, options): Subject[] | ReturnType<typeof needsReview> {
    if (servedState(inv, 'veleroSchedules') === 'not-served') {
      const found = [...inv.deployments, ...inv.statefulSets, ...inv.cronJobs].flatMap((o) => {
        const texts = workloadText(o);
        if (!texts.some((t) => ANY_OPERATOR.test(t))) return [];
        const name = OTHER_OPERATORS.find(([, re]) => texts.some((t) => re.test(t)))?.[0];
        return name ? [`${name} (${o.kind} ${o.metadata.namespace}/${o.metadata.name})`] : [];
      });
      if (found.length)
        return needsReview(
          `Velero is not installed; backups by: ${listed(found)}: review their schedules and the age of the last good backup`,
        );
      return [{ problem: 'noBackup', data: {} }];
    }
    const covering = inv.veleroSchedules.filter(scheduleCovers);
    if (!covering.length) {
      const partial = inv.veleroSchedules.map(
        (s) =>
          `${s.metadata.name}: ${s.spec?.paused ? 'paused' : `only ${listAt(s.spec, 'template', 'includedNamespaces').map(String).join(', ') || 'a malformed includedNamespaces (not a list)'}`}`,
      );
      return [{ problem: 'noSchedule', data: { detail: partial.length ? ` (${partial.join('; ')})` : ' (no Schedule)' } }];
    }
    const withStatus = inv.veleroBackups.filter((b) => typeof b.status?.phase === 'string');
    if (!withStatus.length) return [{ schedule: covering[0], problem: 'ok', data: {} }];
    const completed = withStatus
      .filter((b) => b.status?.phase === 'Completed' && typeof b.status?.completionTimestamp === 'string')
      .sort((a, b) => String(b.status?.completionTimestamp).localeCompare(String(a.status?.completionTimestamp)));
    const [last] = completed;
    if (!last) return [{ schedule: covering[0], problem: 'noSuccess', data: { count: withStatus.length } }];
    const asOf = dateOf(options.asOf) ? Date.parse(options.asOf.length === 10 ? `${options.asOf}T23:59:59Z` : options.asOf) : NaN;
    if (Number.isNaN(asOf)) return [{ schedule: covering[0], problem: 'ok', data: {} }];
    const hours = Math.floor((asOf - Date.parse(String(last.status?.completionTimestamp))) / HOUR);
    const maxAgeHours = options.maxAgeHours;
    return [
      {
        schedule: covering[0],
        problem: hours > maxAgeHours ? 'stale' : 'ok',
        data: { name: `${last.metadata.namespace}/${last.metadata.name}`, hours, maxAgeHours },
      },
    ];
  },
  resourceOf: (s: Subject) =>
    s.schedule
      ? {
          apiVersion: s.schedule.apiVersion,
          kind: s.schedule.kind,
          namespace: s.schedule.metadata.namespace,
          name: s.schedule.metadata.name,
        }
      : clusterRef(),
  evaluate(s: Subject, ctx) {
    if (s.problem === 'ok') return;
    const expected = {
      noBackup: 'a backup operator with a schedule',
      noSchedule: 'an unpaused Schedule of every namespace',
      noSuccess: 'a Completed backup',
      stale: `a Completed backup younger than ${s.data.maxAgeHours} hours`,
    }[s.problem];
    ctx.report({
      messageId: s.problem,
      data: s.data,
      observed: s.problem === 'stale' ? `${s.data.hours} hours since ${s.data.name}` : undefined,
      expected,
    });
  },
});

import { describe, it } from '@jest/globals';
import check from '../../checks/backup-schedule.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const schedule = (name: string, template = '{ttl: 720h0m0s}', paused = false) => `apiVersion: velero.io/v1
kind: Schedule
metadata: {name: ${name}, namespace: velero}
spec: {schedule: '0 2 * * *', paused: ${paused}, template: ${template}}
---
`;
const backup = (name: string, phase: string, completed?: string) => `apiVersion: velero.io/v1
kind: Backup
metadata: {name: ${name}, namespace: velero}
spec: {}
status: {phase: ${phase}${completed ? `, completionTimestamp: '${completed}'` : ''}}
---
`;
const k10 = `apiVersion: apps/v1
kind: Deployment
metadata: {name: catalog-svc, namespace: kasten-io}
spec:
  selector: {matchLabels: {app: k10}}
  template:
    metadata: {labels: {app: k10}}
    spec: {containers: [{name: catalog-svc, image: 'gcr.io/kasten-images/catalog:7.0.5'}]}
---
`;
const asOf = { asOf: '2026-12-07T12:00:00.000Z' };

describe('backup-schedule', () => {
  new CheckTester(check).register(
    {
      pass: [
        {
          name: 'a daily Schedule of every namespace, last good backup 10 hours ago',
          yaml: schedule('daily') + backup('daily-1', 'Completed', '2026-12-07T02:00:00Z') + backup('daily-2', 'Failed'),
          options: asOf,
        },
        {
          name: 'includedNamespaces *, backups without status (manifests)',
          yaml:
            schedule('all', "{includedNamespaces: ['*']}") +
            'apiVersion: velero.io/v1\nkind: Backup\nmetadata: {name: b, namespace: velero}\nspec: {}\n',
          options: asOf,
        },
      ],
      fail: [
        { name: 'nothing installed', yaml: '', findings: [{ messageId: 'noBackup', resource: 'Cluster/cluster' }] },
        {
          name: 'a malformed includedNamespaces (not a list) is not read as every namespace',
          yaml: schedule('odd', '{includedNamespaces: shop}'),
          findings: [
            {
              messageId: 'noSchedule',
              resource: 'Cluster/cluster',
              message:
                'Velero is installed but no unpaused Schedule backs up every namespace (odd: only a malformed includedNamespaces (not a list))',
            },
          ],
        },
        {
          name: 'Velero with a partial and a paused Schedule',
          yaml: schedule('shop', '{includedNamespaces: [shop]}') + schedule('all', '{}', true),
          findings: [
            {
              messageId: 'noSchedule',
              resource: 'Cluster/cluster',
              message: 'Velero is installed but no unpaused Schedule backs up every namespace (shop: only shop; all: paused)',
            },
          ],
        },
        {
          name: 'no backup completed',
          yaml: schedule('daily') + backup('daily-1', 'PartiallyFailed', '2026-12-07T02:00:00Z'),
          options: asOf,
          findings: [
            {
              messageId: 'noSuccess',
              resource: 'Schedule/velero/daily',
              message: 'No Velero backup has completed successfully (1 backups)',
            },
          ],
        },
        {
          name: 'last good backup 5 days old',
          yaml:
            schedule('daily') +
            backup('daily-old', 'Completed', '2026-12-02T11:00:00Z') +
            backup('daily-new', 'Failed', '2026-12-07T02:00:00Z'),
          options: asOf,
          findings: [
            {
              messageId: 'stale',
              resource: 'Schedule/velero/daily',
              message: 'The last successful Velero backup (velero/daily-old) completed 121 hours ago, more than 48',
              observed: '121 hours since velero/daily-old',
            },
          ],
        },
      ],
      unjudgeable: [
        {
          name: 'another operator: manual with evidence',
          yaml: k10,
          status: 'manual',
          reason:
            'Velero is not installed; backups by: Kasten K10 (Deployment kasten-io/catalog-svc): review their schedules and the age of the last good backup',
        },
        {
          name: 'Velero Schedules forbidden',
          yaml: schedule('daily'),
          inventory: (inv) => inv.coverage.push({ key: 'veleroSchedules', kind: 'Schedule', status: 403, reason: 'Forbidden' }),
          status: 'not-assessed',
        },
      ],
    },
    it,
  );
});

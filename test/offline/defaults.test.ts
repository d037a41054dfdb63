import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/live.js';
import { validReport } from '../support/schema.js';
import { applyDefaults, pullsLatest } from '../../src/offline/defaults.js';
import { inventoryFromManifests } from '../../src/offline/manifests.js';
import { resourceByKind } from '../../src/core/resources.js';
import type { KObject } from '../../src/core/k8s.js';

const NS = { namespace: 'team-a' };
const apply = (obj: KObject): KObject => applyDefaults(obj, resourceByKind(obj.kind, obj.apiVersion)!, NS);
const pod = (spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'p', namespace: 'x' }): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: metadata as KObject['metadata'],
  spec,
});
const template = (kind: string, apiVersion: string, spec: Record<string, unknown>): KObject => ({
  apiVersion,
  kind,
  metadata: { name: 'w', namespace: 'x' },
  spec: { template: { spec } },
});

describe('defaulting of offline objects', () => {
  // [what, object before, object after]
  const table: [string, KObject, KObject][] = [
    [
      'a namespaced object without a namespace takes the manifest namespace',
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'team-a' } },
    ],
    [
      'an empty namespace is none',
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 's', namespace: '' } },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 's', namespace: 'team-a' } },
    ],
    [
      'a namespace that is written stays',
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'b' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'b' } },
    ],
    [
      'a cluster-scoped object gets no namespace',
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' } },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' } },
    ],
    [
      'a pod: a volume without a source is an emptyDir, port protocol TCP, pull policy from the tag, restartPolicy Always, the default service account',
      pod({
        volumes: [{ name: 'scratch' }, { name: 'cfg', configMap: { name: 'c' } }],
        containers: [
          { name: 'a', image: 'nginx', ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }] },
          { name: 'b', image: 'nginx:1.27' },
        ],
      }),
      pod({
        volumes: [
          { name: 'scratch', emptyDir: {} },
          { name: 'cfg', configMap: { name: 'c' } },
        ],
        containers: [
          {
            name: 'a',
            image: 'nginx',
            ports: [
              { containerPort: 80, protocol: 'TCP' },
              { containerPort: 53, protocol: 'UDP' },
            ],
            imagePullPolicy: 'Always',
          },
          { name: 'b', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' },
        ],
        restartPolicy: 'Always',
        serviceAccountName: 'default',
      }),
    ],
    [
      'a pod keeps what it says',
      pod({ restartPolicy: 'Never', serviceAccountName: 'app', containers: [{ name: 'a', image: 'nginx', imagePullPolicy: 'Never' }] }),
      pod({ restartPolicy: 'Never', serviceAccountName: 'app', containers: [{ name: 'a', image: 'nginx', imagePullPolicy: 'Never' }] }),
    ],
    [
      'a mirror pod (static pod) gets no service account: the admission plugin gives it none',
      pod({ containers: [] }, { name: 'etcd-cp-1', namespace: 'kube-system', annotations: { 'kubernetes.io/config.mirror': 'abc' } }),
      pod(
        { containers: [], restartPolicy: 'Always' },
        { name: 'etcd-cp-1', namespace: 'kube-system', annotations: { 'kubernetes.io/config.mirror': 'abc' } },
      ),
    ],
    [
      'the deprecated serviceAccount names the account',
      pod({ serviceAccount: 'legacy', containers: [] }),
      pod({ serviceAccount: 'legacy', serviceAccountName: 'legacy', containers: [], restartPolicy: 'Always' }),
    ],
    [
      'init and ephemeral containers are defaulted too',
      pod({
        containers: [],
        initContainers: [{ name: 'i', image: 'busybox:latest' }],
        ephemeralContainers: [{ name: 'e', image: 'busybox@sha256:' + 'a'.repeat(64) }],
      }),
      pod({
        containers: [],
        initContainers: [{ name: 'i', image: 'busybox:latest', imagePullPolicy: 'Always' }],
        ephemeralContainers: [{ name: 'e', image: 'busybox@sha256:' + 'a'.repeat(64), imagePullPolicy: 'IfNotPresent' }],
        restartPolicy: 'Always',
        serviceAccountName: 'default',
      }),
    ],
    [
      'a Deployment template: no service account is added (admission names it on the pods)',
      template('Deployment', 'apps/v1', { volumes: [{ name: 'v' }], containers: [{ name: 'a', image: 'app:2' }] }),
      template('Deployment', 'apps/v1', {
        volumes: [{ name: 'v', emptyDir: {} }],
        containers: [{ name: 'a', image: 'app:2', imagePullPolicy: 'IfNotPresent' }],
        restartPolicy: 'Always',
      }),
    ],
    [
      'a Job template gets no restartPolicy (a Job must name its own)',
      template('Job', 'batch/v1', { containers: [{ name: 'a', image: 'app:2' }] }),
      template('Job', 'batch/v1', { containers: [{ name: 'a', image: 'app:2', imagePullPolicy: 'IfNotPresent' }] }),
    ],
    [
      'a CronJob job template',
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'c' },
        spec: { jobTemplate: { spec: { template: { spec: { volumes: [{ name: 'v' }], containers: [{ name: 'a', image: 'app' }] } } } } },
      },
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'c', namespace: 'team-a' },
        spec: {
          jobTemplate: {
            spec: {
              template: {
                spec: { volumes: [{ name: 'v', emptyDir: {} }], containers: [{ name: 'a', image: 'app', imagePullPolicy: 'Always' }] },
              },
            },
          },
        },
      },
    ],
    [
      'Service ports are TCP',
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'x' }, spec: { ports: [{ port: 80 }] } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'x' }, spec: { ports: [{ port: 80, protocol: 'TCP' }] } },
    ],
    [
      'values of the wrong shape are left alone',
      pod({ containers: 'x', volumes: [null, 'v'] }),
      pod({ containers: 'x', volumes: [null, 'v'], restartPolicy: 'Always', serviceAccountName: 'default' }),
    ],
  ];
  it.each(table)('%s', (_what, before, after) => {
    expect(apply(before)).toEqual(after);
  });

  it.each([
    ['nginx', true],
    ['nginx:latest', true],
    ['nginx:1.27', false],
    ['registry:5000/app', true],
    ['registry:5000/app:2', false],
    [`app@sha256:${'a'.repeat(64)}`, false],
    [`app:latest@sha256:${'a'.repeat(64)}`, true],
  ])('the runtime pulls %s as latest: %s', (image, latest) => {
    expect(pullsLatest(image)).toBe(latest);
  });

  it('applies to manifests as they are read, with the namespace given', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  volumes: [{name: scratch}]\n  containers: [{name: c, image: nginx}]\n';
    const { inventory } = inventoryFromManifests([{ name: 'p.yaml', text }], { namespace: 'payments' });
    expect(inventory.pods[0]!.metadata.namespace).toBe('payments');
    expect(inventory.pods[0]?.spec?.volumes).toEqual([{ name: 'scratch', emptyDir: {} }]);
    expect(inventoryFromManifests([{ name: 'p.yaml', text }]).inventory.pods[0]!.metadata.namespace).toBe('default');
  });
});

describe('--manifest-namespace', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const deployment =
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: nginx:1.27}]}\n';

  it('places objects that name no namespace, as kubectl apply -n does (default: default)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kaudit-ns-'));
    const file = join(dir, 'web.yaml');
    writeFileSync(file, deployment);
    const resources = async (extra: string[]) => {
      const report = validReport<{
        controls: { findings: { status: string; resource: { kind: string; namespace: string; name: string } }[] }[];
      }>((await cli(['scan', '--manifests', file, '--checks', 'sa-default-used', ...extra])).out);
      return report.controls.flatMap((c) =>
        c.findings.map((f) => `${f.status} ${f.resource.kind} ${f.resource.namespace}/${f.resource.name}`),
      );
    };
    expect(await resources(['--manifest-namespace', 'payments'])).toEqual(['fail Deployment payments/web']);
    expect(await resources([])).toEqual(['fail Deployment default/web']);
    expect(await cli(['scan', '--manifests', file, '--manifest-namespace', 'Payments'])).toMatchObject({ code: 2, out: '' });
  });
});

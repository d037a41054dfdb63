import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inventoryFromManifests } from '../../src/offline/manifests.js';
import { readSnapshot, writeSnapshot } from '../../src/offline/snapshot.js';
import { fieldPath } from '../../src/offline/schema-validation.js';
import { emptyInventory } from '../../src/core/inventory.js';
import type { KObject } from '../../src/core/k8s.js';
import { cli } from '../support/live.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const pod = (spec: string, meta = '{name: p}') => `apiVersion: v1\nkind: Pod\nmetadata: ${meta}\nspec: ${spec}\n`;

describe('objects the API server would refuse are bad input', () => {
  // [what, manifest, the error after "manifests f.yaml document 1: "]
  const table: [string, string, string][] = [
    [
      'capabilities.add as a string',
      pod('{containers: [{name: c, image: x, securityContext: {capabilities: {add: NET_ADMIN}}}]}'),
      'Pod p: spec.containers[0].securityContext.capabilities.add: must be a list',
    ],
    [
      'RoleBinding subjects as a mapping',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: rb, namespace: a}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\nsubjects: {kind: User, name: alice}\n',
      'RoleBinding rb: subjects: must be a list',
    ],
    [
      'privileged as a string',
      pod('{containers: [{name: c, image: x, securityContext: {privileged: "true"}}]}'),
      'Pod p: spec.containers[0].securityContext.privileged: must be true or false',
    ],
    [
      'runAsUser as a string',
      pod('{securityContext: {runAsUser: "1000"}, containers: [{name: c, image: x}]}'),
      'Pod p: spec.securityContext.runAsUser: must be an integer',
    ],
    [
      'hostNetwork as a string',
      pod('{hostNetwork: "yes", containers: [{name: c, image: x}]}'),
      'Pod p: spec.hostNetwork: must be true or false',
    ],
    [
      'a seccomp type outside the enum',
      pod('{containers: [{name: c, image: x, securityContext: {seccompProfile: {type: runtimedefault}}}]}'),
      'Pod p: spec.containers[0].securityContext.seccompProfile.type: must be one of "Localhost", "RuntimeDefault", "Unconfined"',
    ],
    [
      'a memory limit that is no quantity',
      pod('{containers: [{name: c, image: x, resources: {limits: {memory: 1Gb}}}]}'),
      'Pod p: spec.containers[0].resources.limits.memory: must be a quantity (such as 500m, 128Mi or 2)',
    ],
    [
      'a label value that is a number',
      pod('{containers: [{name: c, image: x}]}', '{name: p, labels: {tier: 1}}'),
      'Pod p: metadata.labels.tier: must be a string',
    ],
    [
      'an annotation key with a slash',
      pod('{containers: [{name: c, image: x}]}', '{name: p, annotations: {"example.com/x": {a: 1}}}'),
      'Pod p: metadata.annotations["example.com/x"]: must be a string',
    ],
    [
      'replicas as a string',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {replicas: "3", template: {spec: {containers: [{name: c, image: x}]}}}\n',
      'Deployment d: spec.replicas: must be an integer',
    ],
    [
      'a ClusterRole rule verbs as a string',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r}\nrules: [{apiGroups: [""], resources: [secrets], verbs: get}]\n',
      'ClusterRole r: rules[0].verbs: must be a list',
    ],
    [
      'a Service type outside the enum',
      'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: Nodeport, ports: [{port: 80}]}\n',
      'Service s: spec.type: must be one of "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ],
    [
      'a NetworkPolicy podSelector as a list',
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: n}\nspec: {podSelector: []}\n',
      'NetworkPolicy n: spec.podSelector: must be a mapping',
    ],
    [
      'a CronJob container port as a string',
      'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec: {schedule: "* * * * *", jobTemplate: {spec: {template: {spec: {containers: [{name: c, image: x, ports: [{containerPort: "80"}]}]}}}}}\n',
      'CronJob c: spec.jobTemplate.spec.template.spec.containers[0].ports[0].containerPort: must be an integer',
    ],
  ];
  it.each(table)('%s', (_what, text, problem) => {
    expect(() => inventoryFromManifests([{ name: 'f.yaml', text }])).toThrow(`manifests f.yaml document 1: ${problem}`);
  });

  it('accepts what the API server accepts: missing optional and required fields, nulls, unknown fields, quantities as numbers, a status of any shape', () => {
    const text = [
      pod(
        '{containers: [{name: c, image: x, resources: {limits: {memory: 512Mi, cpu: 1}}, securityContext: null, extra: field}], nodeSelector: null}',
        '{name: p, creationTimestamp: null}',
      ),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {containers: [{name: c, image: x}]}}}\nstatus: {replicas: "many"}\n',
    ].join('---\n');
    const { inventory } = inventoryFromManifests([{ name: 'f.yaml', text }]);
    expect([inventory.pods.length, inventory.deployments.length]).toEqual([1, 1]);
  });

  it('names the document and the item of a JSON List', () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ok' } },
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 'bad' }, spec: { ports: [{ port: '80' }] } },
      ],
    };
    expect(() => inventoryFromManifests([{ name: 'l.json', text: JSON.stringify(list) }])).toThrow(
      'manifests l.json document 1 item 2: Service bad: spec.ports[0].port: must be an integer',
    );
  });

  it('is exit 2 with one line through the CLI, never a pass', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kaudit-schema-'));
    const file = join(dir, 'caps.yaml');
    writeFileSync(
      file,
      `apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n${pod('{containers: [{name: c, image: x, securityContext: {capabilities: {add: NET_ADMIN}}}]}', '{name: p, namespace: a}')}`,
    );
    expect(await cli(['scan', '--manifests', file, '-b', 'pss-baseline'])).toEqual({
      code: 2,
      out: '',
      err: `kaudit: manifests ${file} document 2: Pod p: spec.containers[0].securityContext.capabilities.add: must be a list\n`,
    });
  });

  it('checks snapshot objects the same way, naming the entry', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kaudit-schema-'));
    const file = join(dir, 's.json');
    const inv = emptyInventory({ type: 'live', collectedAt: 'now' });
    // Malformed on purpose (subjects is not a list): pushed as the untyped object a bad snapshot holds.
    (inv.roleBindings as KObject[]).push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'rb', namespace: 'a' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' },
      subjects: { kind: 'User', name: 'x' },
    });
    await writeSnapshot(file, inv);
    expect(() => readSnapshot(file)).toThrow(`snapshot ${file}: roleBindings[0] RoleBinding rb: subjects: must be a list`);
    expect(await cli(['scan', '--snapshot', file])).toMatchObject({
      code: 2,
      out: '',
      err: `kaudit: snapshot ${file}: roleBindings[0] RoleBinding rb: subjects: must be a list\n`,
    });
  });

  it('warns about a kind kaudit reads under another built-in group, and stays silent about CRDs', () => {
    const text = [
      'apiVersion: v1\nkind: Deployment\nmetadata: {name: web}\n',
      'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: old}\n',
      'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: knative}\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n',
    ].join('---\n');
    const { inventory, warnings } = inventoryFromManifests([{ name: 'f.yaml', text }]);
    expect(warnings).toEqual([
      'f.yaml document 1: skipped Deployment web: apiVersion v1 does not serve Deployment (it is apps/v1)',
      'f.yaml document 2: skipped Ingress old: apiVersion extensions/v1beta1 does not serve Ingress (it is networking.k8s.io/v1)',
    ]);
    expect([inventory.deployments.length, inventory.ingresses.length, inventory.services.length, inventory.configMaps.length]).toEqual([
      0, 0, 0, 1,
    ]);
  });

  it.each([
    ['/spec/containers/0/name', 'spec.containers[0].name'],
    ['/metadata/annotations/a~1b', 'metadata.annotations["a/b"]'],
    ['/metadata/labels/app.kubernetes.io~1name', 'metadata.labels["app.kubernetes.io/name"]'],
    ['', ''],
  ])('field path of %j is %j', (pointer, path) => {
    expect(fieldPath(pointer)).toBe(path);
  });
});

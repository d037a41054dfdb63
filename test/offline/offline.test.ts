import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { inventoryFromManifests, loadManifests, readManifestInputs } from '../../src/offline/manifests.js';
import { readSnapshot, writeSnapshot } from '../../src/offline/snapshot.js';
import { emptyInventory } from '../../src/core/inventory.js';
import { cli, live, type Live } from '../support/live.js';
import { validReport } from '../support/schema.js';
import { packageRoot } from '../../src/io/package-root.js';

const manifests = `
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Namespace
  metadata: {name: legacy}
- apiVersion: apps/v1
  kind: DeploymentList
  items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      namespace: legacy
      annotations: {kubectl.kubernetes.io/last-applied-configuration: '{"password":"hunter2"}'}
    spec:
      template:
        spec:
          containers:
          - name: web
            image: nginx
            env: [{name: DB_PASSWORD, value: hunter2-but-longer-and-random-Zx81q}]
---
# a JSON document in a YAML stream
{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db", "namespace": "legacy"}, "type": "Opaque", "data": {"password": "aHVudGVyMg=="}}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: not-audited}
---
just: a config file
---
`;

let dir: string;
let env: Live | undefined;
afterEach(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  await env?.close();
  env = undefined;
});

describe('manifests', () => {
  it('unwraps List kinds, reads JSON documents, skips what it does not audit, and keeps no values', () => {
    const { inventory, warnings } = inventoryFromManifests([{ name: 'all.yaml', text: manifests }]);
    expect(inventory.namespaces.map((n) => n.metadata.name)).toEqual(['legacy']);
    expect(inventory.deployments.map((d) => d.metadata.name)).toEqual(['web']);
    expect(inventory.secrets).toEqual([
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'legacy' }, type: 'Opaque', dataKeys: ['password'] },
    ]);
    expect(inventory.deployments[0]?.spec?.template?.spec?.containers[0]?.env).toEqual([
      { name: 'DB_PASSWORD', valueRedacted: { length: 35, shape: 'high-entropy' } },
    ]);
    expect(inventory.deployments[0]!.metadata.annotations).toEqual({});
    expect(JSON.stringify(inventory)).not.toContain('hunter2');
    expect(warnings).toEqual(['all.yaml document 4: skipped, not a Kubernetes object (needs apiVersion, kind and metadata)']);
    expect(inventory.kubelets).toEqual([]);
    expect(inventory.controlPlane).toEqual([]);
    expect(inventory.collected).not.toContain('version');
  });

  it('reads directories recursively and stdin', () => {
    dir = mkdtempSync(join(tmpdir(), 'kaudit-m-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'a.yml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n');
    writeFileSync(join(dir, 'b.json'), '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"b"}}');
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    const inputs = readManifestInputs([dir, '-'], () => 'apiVersion: v1\nkind: Namespace\nmetadata: {name: c}\n');
    expect(inputs.map((i) => i.name)).toEqual([join(dir, 'b.json'), join(dir, 'sub', 'a.yml'), '<stdin>']);
    expect(inventoryFromManifests(inputs).inventory.namespaces.map((n) => n.metadata.name)).toEqual(['b', 'a', 'c']);
  });

  it('streams files, directories and stdin in the order given, directories sorted', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kaudit-m-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'a.yml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n');
    writeFileSync(
      join(dir, 'b.json'),
      '{"apiVersion":"v1","kind":"NamespaceList","items":[{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"b"}}]}',
    );
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    const single = join(dir, 'sub', 'a.yml');
    const stdin = Readable.from(['apiVersion: v1\nki', 'nd: Namespace\nmetadata: {name: c}\n']);
    const { inventory } = await loadManifests([dir, '-', single], stdin);
    expect(inventory.source.inputs).toEqual([join(dir, 'b.json'), join(dir, 'sub', 'a.yml'), '<stdin>', single]);
    expect(inventory.namespaces.map((n) => n.metadata.name)).toEqual(['b', 'a', 'c', 'a']);
    await expect(loadManifests([join(dir, 'nope.yaml')])).rejects.toThrow(`manifests ${join(dir, 'nope.yaml')}: no such file or directory`);
    const empty = mkdtempSync(join(dir, 'empty-'));
    await expect(loadManifests([empty])).rejects.toThrow(/directory holds no \.yaml, \.yml or \.json file$/);
  });

  it('maps KubeletConfiguration documents to kubelets and static pods to the control plane', () => {
    const { inventory } = inventoryFromManifests([
      {
        name: 'cp.yaml',
        text: `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
metadata: {name: cp-1, annotations: {kaudit.io/node: cp-1}}
readOnlyPort: 0
---
apiVersion: v1
kind: Pod
metadata: {name: kube-apiserver-cp-1, namespace: kube-system, labels: {component: kube-apiserver}}
spec: {containers: [{name: kube-apiserver, command: [kube-apiserver, --profiling=false, '--authorization-mode=Node,RBAC', --anonymous-auth, 'false']}]}
`,
      },
    ]);
    expect(inventory.kubelets).toEqual([{ node: 'cp-1', config: { readOnlyPort: 0 } }]);
    expect(inventory.controlPlane).toEqual([
      {
        component: 'kube-apiserver',
        pod: { namespace: 'kube-system', name: 'kube-apiserver-cp-1', node: undefined },
        flags: { profiling: 'false', 'authorization-mode': 'Node,RBAC', 'anonymous-auth': 'false' },
      },
    ]);
    expect(inventory.collected).toEqual(expect.arrayContaining(['kubelets', 'controlPlane']));
  });

  it('scans manifests from stdin through the CLI', async () => {
    const stdinFile = join(mkdtempSync(join(tmpdir(), 'kaudit-s-')), 'in.yaml');
    writeFileSync(stdinFile, manifests);
    const run = await cli(['scan', '--manifests', stdinFile, '--checks', 'netpol-namespace-coverage']);
    expect(run.code).toBe(0);
    const report = validReport(run.out);
    expect(report.scan.source).toMatchObject({ type: 'manifests', inputs: [stdinFile] });
    expect(report.controls.map((c: { id: string; status: string }) => `${c.id} ${c.status}`)).toEqual(['5.3.2 fail']);
    expect(run.err).toContain('kaudit: warning: ' + stdinFile + ' document 4: skipped, not a Kubernetes object');
  });
});

describe('namespace filters', () => {
  it('applies -n and --exclude-namespace to offline sources as to live ones', async () => {
    const demo = join(packageRoot(), 'src', 'demo', 'cluster');
    const namespacesOf = async (args: string[]) => {
      const run = await cli(['scan', '--manifests', demo, '-b', 'pss-baseline', ...args]);
      expect(run.code).toBe(0);
      const report = validReport(run.out);
      return [
        ...new Set(
          report.controls.flatMap((c: { findings: { resource: { kind: string; namespace?: string; name: string } }[] }) =>
            c.findings.map((f) => (f.resource.kind === 'Namespace' ? f.resource.name : f.resource.namespace)),
          ),
        ),
      ].sort();
    };
    expect(await namespacesOf([])).toEqual(['default', 'kube-system', 'legacy', 'monitoring', 'payments']);
    expect(await namespacesOf(['--exclude-namespace', 'kube-system', '--exclude-namespace', 'legacy'])).toEqual([
      'default',
      'monitoring',
      'payments',
    ]);
    expect(await namespacesOf(['-n', 'legacy'])).toEqual(['legacy']);
  });
});

describe('snapshots', () => {
  it('round-trips: snapshot from a live cluster, then the same scan offline', async () => {
    const inv = emptyInventory({ type: 'snapshot', collectedAt: 'x' });
    inv.version = { major: '1', minor: '33', gitVersion: 'v1.33.4' };
    inv.namespaces.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'legacy' } });
    inv.configMaps.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cfg', namespace: 'legacy' },
      data: { 'app.conf': 'password=hunter2' },
    });
    env = await live({ inventory: inv });
    const file = join(env.dir, 'snap.json');
    const snap = await cli(['snapshot', '--kubeconfig', env.kubeconfig, '-o', file]);
    expect(snap.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('hunter2');
    const saved = readSnapshot(file);
    expect(saved.source).toMatchObject({ type: 'snapshot', context: 'test', inputs: [file] });
    expect(saved.configMaps[0]).toMatchObject({ dataKeys: ['app.conf'] });
    const fromLive = validReport((await cli(['scan', '--kubeconfig', env.kubeconfig])).out);
    const fromSnap = validReport((await cli(['scan', '--snapshot', file])).out);
    expect(fromSnap.controls).toEqual(fromLive.controls);
    expect(fromSnap.scan.source.type).toBe('snapshot');
  });

  it('rejects snapshots with the wrong shape, and an unwritable output, with one line', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kaudit-snap-'));
    const file = join(dir, 's.json');
    const good = JSON.parse(JSON.stringify(emptyInventory({ type: 'live', collectedAt: 'now' })));
    const cases: [Record<string, unknown>, string][] = [
      [{ pods: [null] }, 'pods[0] must be an object'],
      [
        { pods: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: 'x' } }] },
        'pods[0] Pod p: spec.containers must be a list',
      ],
      [{ collected: undefined }, '"collected" is missing or not a list'],
      [{ coverage: 'x' }, '"coverage" is missing or not a list'],
      [{ kubelets: [{ node: 'n' }] }, 'kubelets[0] must be {node, config}'],
      [{ controlPlane: [{}] }, 'controlPlane[0] must be {component, pod, flags}'],
    ];
    for (const [change, problem] of cases) {
      writeFileSync(file, JSON.stringify({ ...good, ...change }));
      expect(() => readSnapshot(file)).toThrow(`snapshot ${file}: ${problem}`);
    }
    expect(() => readSnapshot(dir)).toThrow(`snapshot ${dir}: is a directory, not a file`);
    const run = await cli(['snapshot', '--manifests', join(packageRoot(), 'src', 'demo', 'cluster'), '-o', join(dir, 'missing', 'x.json')]);
    expect(run).toEqual({ code: 2, out: '', err: `kaudit: --output ${join(dir, 'missing', 'x.json')}: cannot write (ENOENT)\n` });
  });

  it('rejects a file that is not a snapshot', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kaudit-snap-'));
    const file = join(dir, 'x.json');
    writeFileSync(file, '{"hello": 1}');
    expect(() => readSnapshot(file)).toThrow(`snapshot ${file}: not a kaudit snapshot of version 1 (inventoryVersion is undefined)`);
    await writeSnapshot(file, emptyInventory({ type: 'live', collectedAt: 'now' }));
    expect(readSnapshot(file).source.type).toBe('snapshot');
  });
});

/**
 * kaudit's loopback server speaks what kubectl expects: short names and categories, Table answers
 * (with -o wide), JSON when protobuf is offered first, the self-reviews in protobuf (auth can-i),
 * pod field selectors, paging, PersistentVolumeClaims, OpenAPI v3 and v2 (JSON and gnostic protobuf),
 * and /version from the kube-apiserver image (kubectl version). The wire-level part runs
 * everywhere; the kubectl part runs where kubectl is installed (Debian: kubernetes-client) and is
 * skipped, saying so, where it is not.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import protobuf from 'protobufjs/minimal.js';
import { fetch } from 'undici';
import { startApiServer, type ApiServer } from '../../src/apiserver/index.js';
import { inventoryFromManifests } from '../../src/offline/manifests.js';
import { Client } from './helpers.js';

const webPod = (name: string, node: string, phase: string, containers = '{name: web, image: nginx:1.27}') =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: shop, labels: {app: web}}\nspec: {nodeName: ${node}, containers: [${containers}]}\nstatus: {phase: ${phase}}\n---`;

const MANIFESTS = `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
status: {phase: Active}
---
${webPod('web-1', 'worker-1', 'Running', '{name: web, image: nginx:1.27}, {name: proxy, image: envoy:1.30}')}
${webPod('web-2', 'worker-2', 'Pending')}
${webPod('web-3', 'worker-1', 'Running')}
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx:1.27}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {clusterIP: 10.96.0.20, selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data, namespace: shop}
spec: {accessModes: [ReadWriteOnce, ReadWriteMany], resources: {requests: {storage: 1Gi}}, storageClassName: standard, volumeName: pv-data}
status: {phase: Bound, accessModes: [ReadWriteMany, ReadWriteOnce], capacity: {storage: 1Gi}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: scratch, namespace: shop}
spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 5Gi}}, volumeMode: Block}
---
apiVersion: v1
kind: Pod
metadata: {name: kube-apiserver-cp-1, namespace: kube-system, labels: {component: kube-apiserver, tier: control-plane}, annotations: {kubernetes.io/config.mirror: abc}}
spec:
  nodeName: cp-1
  containers: [{name: kube-apiserver, image: registry.k8s.io/kube-apiserver:v1.31.2, command: [kube-apiserver, --authorization-mode=Node,RBAC]}]
`;

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

let server: ApiServer;
let client: Client;
let dir: string;
let kubeconfig: string;

beforeAll(async () => {
  server = await startApiServer({
    inventory: inventoryFromManifests([{ name: 'fidelity.yaml', text: MANIFESTS }]).inventory,
    forbidden: [{ resource: 'secrets' }],
  });
  client = new Client(server);
  dir = mkdtempSync(join(tmpdir(), 'kaudit-kubectl-'));
  kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, server.kubeconfig());
});

afterAll(async () => {
  await client.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('on the wire', () => {
  it('answers Table with kubectl columns; priority 1 columns are for -o wide', async () => {
    const r = await client.get('/api/v1/namespaces/shop/pods', { accept: TABLE });
    expect(r.headers.get('content-type')).toBe('application/json;as=Table;g=meta.k8s.io;v=v1');
    expect(r.body.columnDefinitions.map((c: { name: string; priority: number }) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0',
      'Ready:0',
      'Status:0',
      'Restarts:0',
      'Age:0',
      'IP:1',
      'Node:1',
      'Nominated Node:1',
      'Readiness Gates:1',
    ]);
    expect(r.body.rows.map((row: { cells: unknown[] }) => row.cells)).toEqual([
      ['web-1', '-/2', 'Running', '-', '<unknown>', '<none>', 'worker-1', '<none>', '<none>'],
      ['web-2', '-/1', 'Pending', '-', '<unknown>', '<none>', 'worker-2', '<none>', '<none>'],
      ['web-3', '-/1', 'Running', '-', '<unknown>', '<none>', 'worker-1', '<none>', '<none>'],
    ]);
    expect(r.body.rows[0].object).toEqual({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { name: 'web-1', namespace: 'shop', labels: { app: 'web' } },
    });
    const none = await client.get('/api/v1/namespaces/shop/pods?includeObject=None', { accept: TABLE });
    expect(none.body.rows[0]).toEqual({ cells: expect.any(Array) });
    const one = await client.get('/apis/apps/v1/namespaces/shop/deployments/web?includeObject=Object', { accept: TABLE });
    expect(one.body.rows).toEqual([
      {
        cells: ['web', '-/3', '-', '-', '<unknown>', 'web', 'nginx:1.27', 'app=web'],
        object: expect.objectContaining({ kind: 'Deployment', apiVersion: 'apps/v1' }),
      },
    ]);
  });

  it('answers JSON when protobuf is offered first', async () => {
    const r = await client.get('/api/v1/namespaces/shop/services', { accept: 'application/vnd.kubernetes.protobuf,application/json' });
    expect([r.headers.get('content-type'), r.body.kind, r.body.items.length]).toEqual(['application/json', 'ServiceList', 1]);
  });

  it('selects pods by status.phase and spec.nodeName', async () => {
    const names = async (selector: string) =>
      (await client.get(`/api/v1/pods?fieldSelector=${encodeURIComponent(selector)}`)).body.items.map(
        (p: { metadata: { name: string } }) => p.metadata.name,
      );
    expect(await names('status.phase=Running,metadata.namespace=shop')).toEqual(['web-1', 'web-3']);
    expect(await names('spec.nodeName=worker-1,status.phase!=Pending')).toEqual(['web-1', 'web-3']);
  });

  it('reports the version of the kube-apiserver image in the input', async () => {
    expect((await client.get('/version')).body).toEqual({ major: '1', minor: '31', gitVersion: 'v1.31.2', platform: 'linux/amd64' });
  });

  it('serves OpenAPI v3 documents for the served group versions, with Kubernetes field types', async () => {
    const index = await client.get('/openapi/v3');
    expect(Object.keys(index.body.paths)).toContain('apis/apps/v1');
    expect(index.body.paths['api/v1']).toEqual({ serverRelativeURL: '/openapi/v3/api/v1' });
    const core = (await client.get('/openapi/v3/api/v1')).body;
    expect(core.components.schemas['io.k8s.kaudit.Pod']['x-kubernetes-group-version-kind']).toEqual([
      { group: '', kind: 'Pod', version: 'v1' },
    ]);
    expect(core.components.schemas['io.k8s.kaudit.Capabilities'].properties.add).toEqual({ type: 'array', items: { type: 'string' } });
    expect(core.components.schemas['io.k8s.kaudit.SecurityContext'].properties.runAsUser).toEqual({ type: 'integer', format: 'int64' });
    expect(core.paths['/api/v1/namespaces/{namespace}/pods/{name}'].get['x-kubernetes-group-version-kind']).toEqual({
      group: '',
      kind: 'Pod',
      version: 'v1',
    });
    expect((await client.get('/openapi/v3/apis/example.com/v1')).status).toBe(404);
  });

  it('serves OpenAPI v2: JSON, or gnostic protobuf when client-go asks for it first', async () => {
    const json = await client.get('/openapi/v2');
    expect([json.status, json.headers.get('content-type'), json.body.swagger]).toEqual([200, 'application/json', '2.0']);
    expect(json.body.definitions['io.k8s.kaudit.PersistentVolumeClaim']['x-kubernetes-group-version-kind']).toEqual([
      { group: '', kind: 'PersistentVolumeClaim', version: 'v1' },
    ]);
    expect(json.body.definitions['io.k8s.kaudit.Capabilities'].properties.add).toEqual({ type: 'array', items: { type: 'string' } });
    expect(json.body.definitions['io.k8s.kaudit.ContainerPort'].properties.containerPort).toEqual({ type: 'integer', format: 'int32' });
    expect(json.body.definitions['io.k8s.kaudit.RollingUpdateDeployment'].properties.maxSurge).toEqual({
      type: 'string',
      format: 'int-or-string',
    });
    expect(json.body.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].get.responses['200'].schema).toEqual({
      $ref: '#/definitions/io.k8s.kaudit.Deployment',
    });

    for (const accept of [
      'application/com.github.proto-openapi.spec.v2@v1.0+protobuf',
      'application/com.github.proto-openapi.spec.v2.v1.0+protobuf, application/json',
    ]) {
      const res = await fetch(`${server.url}/openapi/v2`, {
        headers: { authorization: `Bearer ${server.token}`, accept },
        dispatcher: client.agent,
      });
      expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf']);
      // openapi.v2.Document: 1 swagger, 9 definitions{1 NamedSchema{1 name, 2 Schema{22 type{1 value}}}}.
      const fieldsOf = (bytes: Uint8Array): [number, Uint8Array][] => {
        const reader = protobuf.Reader.create(bytes);
        const out: [number, Uint8Array][] = [];
        while (reader.pos < reader.len) {
          const tag = reader.uint32();
          if ((tag & 7) !== 2) throw new Error(`unexpected wire type in field ${tag >>> 3}`);
          out.push([tag >>> 3, reader.bytes()]);
        }
        return out;
      };
      const text = (b: Uint8Array | undefined) => Buffer.from(b ?? []).toString('utf8');
      const document = fieldsOf(new Uint8Array(await res.arrayBuffer()));
      expect(text(document.find(([f]) => f === 1)?.[1])).toBe('2.0');
      const definitions = fieldsOf(document.find(([f]) => f === 9)![1]).map(([, named]) => fieldsOf(named));
      const pvc = definitions.find((named) => text(named.find(([f]) => f === 1)?.[1]) === 'io.k8s.kaudit.PersistentVolumeClaim')!;
      const pvcSchema = fieldsOf(pvc.find(([f]) => f === 2)![1]);
      expect(text(fieldsOf(pvcSchema.find(([f]) => f === 22)![1])[0]![1])).toBe('object');
      expect(definitions.length).toBe(Object.keys(json.body.definitions).length);
    }
  });

  it('reads a SelfSubjectAccessReview sent as Kubernetes protobuf', async () => {
    // runtime.Unknown{raw: SelfSubjectAccessReview{spec: {resourceAttributes: {namespace, verb, resource}}}} after the k8s magic.
    const attributes = protobuf.Writer.create().uint32(10).string('shop').uint32(18).string('list').uint32(42).string('secrets').finish();
    const spec = protobuf.Writer.create().uint32(10).bytes(attributes).finish();
    const review = protobuf.Writer.create().uint32(18).bytes(spec).finish();
    const unknown = protobuf.Writer.create().uint32(18).bytes(review).finish();
    const res = await fetch(`${server.url}/apis/authorization.k8s.io/v1/selfsubjectaccessreviews`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${server.token}`,
        'content-type': 'application/vnd.kubernetes.protobuf',
        accept: 'application/vnd.kubernetes.protobuf,application/json',
      },
      body: Buffer.concat([Buffer.from('k8s\0', 'latin1'), unknown]),
      dispatcher: client.agent,
    });
    const body = (await res.json()) as { status: { allowed: boolean }; spec: unknown };
    expect([res.status, body.status.allowed, body.spec]).toEqual([
      201,
      false,
      { resourceAttributes: { namespace: 'shop', verb: 'list', resource: 'secrets' } },
    ]);
  });
});

const kubectlPath = (() => {
  try {
    return execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
})();
if (!kubectlPath)
  process.stderr.write(
    'kaudit: test/apiserver/kubectl.test.ts: kubectl is not installed (Debian: apt-get install kubernetes-client); the kubectl tests are skipped\n',
  );
const withKubectl = kubectlPath ? describe : describe.skip;

withKubectl('kubectl against kaudit serve', () => {
  const kubectl = async (...args: string[]): Promise<string> =>
    (await promisify(execFile)(kubectlPath!, ['--kubeconfig', kubeconfig, ...args], { timeout: 30_000 })).stdout;
  const lines = (text: string) =>
    text
      .trimEnd()
      .split('\n')
      .map((l) => l.trimEnd());

  it('gets with short names and the usual columns', async () => {
    expect(lines(await kubectl('get', 'ns'))).toEqual(['NAME   STATUS   AGE', 'shop   Active   <unknown>']);
    expect(lines(await kubectl('get', 'po', '-n', 'shop'))).toEqual([
      'NAME    READY   STATUS    RESTARTS   AGE',
      'web-1   -/2     Running   -          <unknown>',
      'web-2   -/1     Pending   -          <unknown>',
      'web-3   -/1     Running   -          <unknown>',
    ]);
    expect(lines(await kubectl('get', 'deploy', '-n', 'shop', '-o', 'wide'))).toEqual([
      'NAME   READY   UP-TO-DATE   AVAILABLE   AGE         CONTAINERS   IMAGES       SELECTOR',
      'web    -/3     -            -           <unknown>   web          nginx:1.27   app=web',
    ]);
  });

  it('gets PersistentVolumeClaims with their columns', async () => {
    expect(lines(await kubectl('get', 'pvc', '-n', 'shop'))).toEqual([
      'NAME      STATUS    VOLUME    CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE',
      'data      Bound     pv-data   1Gi        RWO,RWX        standard       <unset>                 <unknown>',
      'scratch   Pending                                                      <unset>                 <unknown>',
    ]);
    expect(lines(await kubectl('get', 'persistentvolumeclaims', '-A', '-o', 'wide')).map((l) => l.split(/\s{2,}/))).toEqual([
      ['NAMESPACE', 'NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE', 'VOLUMEMODE'],
      ['shop', 'data', 'Bound', 'pv-data', '1Gi', 'RWO,RWX', 'standard', '<unset>', '<unknown>', '<unset>'],
      ['shop', 'scratch', 'Pending', '<unset>', '<unknown>', 'Block'],
    ]);
    expect(JSON.parse(await kubectl('get', 'pvc', 'data', '-n', 'shop', '-o', 'json'))).toMatchObject({
      kind: 'PersistentVolumeClaim',
      spec: { volumeName: 'pv-data' },
      status: { phase: 'Bound' },
    });
  });

  it('reports the server version (kubectl version)', async () => {
    const version = JSON.parse(await kubectl('version', '-o', 'json')) as { serverVersion: Record<string, string> };
    expect(version.serverVersion).toMatchObject({ major: '1', minor: '31', gitVersion: 'v1.31.2', platform: 'linux/amd64' });
    expect(await kubectl('version')).toMatch(/^Server Version: v1\.31\.2$/m);
  });

  it('gets `all` through the category, and filters by field selector', async () => {
    const all = await kubectl('get', 'all', '-n', 'shop', '-o', 'name');
    expect(lines(all)).toEqual(['pod/web-1', 'pod/web-2', 'pod/web-3', 'service/web', 'deployment.apps/web']);
    expect(lines(await kubectl('get', 'po', '-A', '--field-selector', 'status.phase=Running', '-o', 'name'))).toEqual([
      'pod/web-1',
      'pod/web-3',
    ]);
  });

  it('lists in chunks', async () => {
    const before = server.requests.length;
    expect(lines(await kubectl('get', 'po', '-A', '--chunk-size', '2', '-o', 'name'))).toEqual([
      'pod/kube-apiserver-cp-1',
      'pod/web-1',
      'pod/web-2',
      'pod/web-3',
    ]);
    const pages = server.requests.slice(before).filter((r) => r.path === '/api/v1/pods');
    expect(pages.map((r) => [r.query.limit, Boolean(r.query.continue), r.status])).toEqual([
      ['2', false, 200],
      ['2', true, 200],
    ]);
  });

  it('explains kinds and fields from the OpenAPI v3 documents', async () => {
    const pods = lines(await kubectl('explain', 'pods'));
    expect(pods.slice(0, 2)).toEqual(['KIND:       Pod', 'VERSION:    v1']);
    expect(pods).toContain('  spec\t<PodSpec>');
    const caps = lines(await kubectl('explain', 'deploy.spec.template.spec.containers.securityContext.capabilities'));
    expect(caps).toEqual(
      expect.arrayContaining([
        'GROUP:      apps',
        'KIND:       Deployment',
        'FIELD: capabilities <Capabilities>',
        '  add\t<[]string>',
        '  drop\t<[]string>',
      ]),
    );
  });

  it('explains from the OpenAPI v2 document too (gnostic protobuf)', async () => {
    const pods = lines(await kubectl('explain', 'pods', '--output=plaintext-openapiv2'));
    expect(pods.slice(0, 2)).toEqual(['KIND:     Pod', 'VERSION:  v1']);
    expect(pods).toContain('   spec\t<Object>');
    const ports = lines(await kubectl('explain', 'deploy.spec.template.spec.containers.ports', '--output=plaintext-openapiv2'));
    expect(ports).toEqual(expect.arrayContaining(['RESOURCE: ports <[]Object>', '   containerPort\t<integer>', '   protocol\t<string>']));
    const claims = lines(await kubectl('explain', 'pvc.spec', '--output=plaintext-openapiv2'));
    expect(claims).toEqual(
      expect.arrayContaining(['KIND:     PersistentVolumeClaim', '   storageClassName\t<string>', '   accessModes\t<[]string>']),
    );
  });

  it('asks auth can-i (protobuf self-reviews)', async () => {
    expect(await kubectl('auth', 'can-i', 'list', 'pods', '-n', 'shop')).toBe('yes\n');
    await expect(kubectl('auth', 'can-i', 'list', 'secrets', '-n', 'shop')).rejects.toMatchObject({ stdout: 'no\n' });
    await expect(kubectl('auth', 'can-i', 'delete', 'pods')).rejects.toMatchObject({ stdout: 'no\n' });
    const rules = await kubectl('auth', 'can-i', '--list', '-n', 'shop');
    expect(rules).toMatch(/^pods\s+\[\]\s+\[\]\s+\[get list\]$/m);
    expect(rules).not.toMatch(/^secrets\s/m);
  });
});

import { beforeEach, describe, expect, it } from '@jest/globals';
import { syntheticInventory } from '../../bench/synthetic.js';
import { compactObject, resetSharing } from '../../src/core/compact.js';
import { scanJson } from '../support/scan-json.js';
import { RESOURCE_KEYS } from '../../src/core/resources.js';
import type { Inventory } from '../../src/core/inventory.js';
import type { KObject, PodSpec } from '../../src/core/k8s.js';
import { sanitizeObject } from '../../src/core/sanitize.js';
import { TOKEN_VOLUME_NAME } from '../../src/core/token-volume.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mustExist } from '../../src/core/errors.js';

const pod = (name: string, node: string, token: string): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'shop', labels: { app: 'web', 'pod-template-hash': '7d9f' } },
  spec: {
    nodeName: node,
    containers: [
      {
        name: 'web',
        image: 'web:1.2',
        securityContext: { runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
        volumeMounts: [{ name: token, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
      },
    ],
    tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
    volumes: [
      { name: token, projected: { defaultMode: 420, sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }] } },
    ],
  },
});

/** The parts of a `pod` fixture the sharing tests compare. */
const partsOf = (o: KObject) => {
  const spec = o.spec as PodSpec;
  const container = mustExist(spec.containers[0], 'container');
  return { spec, container, mount: mustExist(container.volumeMounts?.[0], 'mount'), volume: mustExist(spec.volumes?.[0], 'volume') };
};

/** Equal values and equal key order: what JSON.stringify shows. */
const sameJson = (a: unknown, b: unknown): void => expect(JSON.stringify(a)).toBe(JSON.stringify(b));

beforeEach(() => resetSharing());

describe('compactObject', () => {
  it('keeps values deep-equal, key order included', () => {
    const original = pod('web-1', 'node-a', 'kube-api-access-abcde');
    const copy = structuredClone(original);
    expect(compactObject(copy)).toBe(copy);
    sameJson(copy, original);
    expect(copy).toEqual(original);
  });

  it('shares equal sub-objects between objects', () => {
    const a = compactObject(pod('web-1', 'node-a', 'kube-api-access-abcde'));
    const b = compactObject(pod('web-2', 'node-b', 'kube-api-access-fghij'));
    expect(b.metadata.labels).toBe(a.metadata.labels);
    const [pa, pb] = [partsOf(a), partsOf(b)];
    expect(pb.spec.tolerations).toBe(pa.spec.tolerations);
    expect(pb.container.securityContext).toBe(pa.container.securityContext);
    expect(pb.volume.projected).toBe(pa.volume.projected);
  });

  it('never shares objects that differ, however little', () => {
    const a = compactObject(pod('web-1', 'node-a', 'kube-api-access-abcde'));
    const b = compactObject(pod('web-2', 'node-b', 'kube-api-access-fghij'));
    // They differ in the token volume name, so the mounts, the container and the spec stay apart.
    const [pa, pb] = [partsOf(a), partsOf(b)];
    expect(pb.spec).not.toBe(pa.spec);
    expect(pb.spec.containers).not.toBe(pa.spec.containers);
    expect(pb.container).not.toBe(pa.container);
    expect(pb.volume).not.toBe(pa.volume);
    expect(pb.mount.name).toBe('kube-api-access-fghij');
    expect(pa.mount.name).toBe('kube-api-access-abcde');
  });

  it('tells apart values JSON tells apart: types, key order, array order, null and missing', () => {
    const values = [
      { a: 1, b: 2 },
      { b: 2, a: 1 },
      { a: '1', b: 2 },
      { a: true, b: 2 },
      { a: null, b: 2 },
      { b: 2 },
      { a: [1, 2], b: 2 },
      { a: [2, 1], b: 2 },
      { a: [1, 2, 3], b: 2 },
      { a: { x: 1 }, b: 2 },
      { a: [], b: 2 },
      { a: {}, b: 2 },
      { a: 1.5, b: 2 },
    ];
    const kept = values.map((v) => compactObject({ wrap: structuredClone(v) }));
    kept.forEach((k, i) => sameJson(k.wrap, values[i]));
    for (let i = 0; i < kept.length; i++) for (let j = i + 1; j < kept.length; j++) expect(kept[i]!.wrap).not.toBe(kept[j]!.wrap);
  });

  it('tells them apart too where an object of a kind is compared with the previous one (its fields two levels down)', () => {
    const values = [
      { a: 1, b: 2 },
      { b: 2, a: 1 },
      { a: '1', b: 2 },
      { a: null, b: 2 },
      { b: 2 },
      { a: [1, 2], b: 2 },
      { a: [2, 1], b: 2 },
      { a: {}, b: 2 },
    ];
    // JSON.parse, not structuredClone: its objects come from this test's realm, as an API response's do.
    // Each object of kind Pod follows one that differs from it in spec.field only: none may take the previous one's value.
    const kept = values.map((v) =>
      compactObject({ kind: 'Pod', spec: { field: JSON.parse(JSON.stringify(v)) as unknown, nodeName: 'n' } }),
    );
    kept.forEach((k, i) => sameJson(k.spec.field, values[i]));
    for (let i = 1; i < kept.length; i++) expect(kept[i]!.spec.field).not.toBe(kept[i - 1]!.spec.field);
    // An equal field is the previous object's very copy.
    const again = compactObject({ kind: 'Pod', spec: { field: JSON.parse(JSON.stringify(values.at(-1))) as unknown, nodeName: 'm' } });
    expect(again.spec.field).toBe(kept.at(-1)!.spec.field);
  });

  it('keeps deeply nested input as it is, without running out of stack', () => {
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 300; i++) deep = { next: deep };
    const text = JSON.stringify(deep);
    expect(JSON.stringify(compactObject({ deep }).deep)).toBe(text);
  });
});

describe('an Inventory of shared objects', () => {
  const scanOf = scanJson;
  /** As the collector keeps objects: parsed from JSON, sanitized, then compacted. */
  const compacted = (inv: Inventory): Inventory => {
    const copy = JSON.parse(JSON.stringify(inv)) as Inventory;
    for (const key of RESOURCE_KEYS) copy[key] = copy[key].map((o) => compactObject(sanitizeObject(o)));
    return copy;
  };
  const deepFreeze = (value: unknown, seen = new Set<object>()): void => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v, seen);
  };

  it('writes the same JSON and gets the same scan result as one of plain copies, with checks unable to mutate it', () => {
    const plain = syntheticInventory({ pods: 400, nodes: 6, seed: 7 });
    for (const key of RESOURCE_KEYS) plain[key] = plain[key].map((o) => sanitizeObject(o));
    const shared = compacted(plain);
    expect(JSON.stringify(shared)).toBe(JSON.stringify(plain));
    // Sharing happened: the pods of one ReplicaSet share their containers' security contexts.
    const contexts = new Set(shared.pods.flatMap((p) => (p.spec?.containers ?? []).map((c) => c.securityContext)).filter(Boolean));
    const count = shared.pods.flatMap((p) => p.spec?.containers ?? []).length;
    expect(contexts.size).toBeLessThan(count / 10);
    // Checks are pure: a frozen Inventory (a mutation throws in strict mode, so a check would error) scans the same.
    deepFreeze(shared);
    const result = scanOf(shared);
    const expected = scanOf(plain);
    expect(result.length).toBe(expected.length);
    expect(result === expected).toBe(true);
    expect(JSON.parse(result).controls.filter((c: { status: string }) => c.status === 'error')).toEqual([]);
    expect(JSON.parse(result).summary.counts.fail).toBeGreaterThan(10);
  });
});

describe('the sharing table after an Inventory is read', () => {
  it('is emptied, so it no longer keeps the objects read alive (a later equal object is not shared with them)', async () => {
    const { loadInventory } = await import('../../src/pipeline/source.js');
    const dir = mkdtempSync(join(tmpdir(), 'kaudit-compact-'));
    const file = join(dir, 'pods.yaml');
    writeFileSync(file, JSON.stringify(pod('web-1', 'node-a', 'kube-api-access-abcde')));
    const { inventory } = await loadInventory({ manifests: [file], concurrency: 1, requestTimeout: 1 }, ['pods'], () => {});
    const read = mustExist(inventory.pods[0], 'the pod read');
    // Were the table kept, an equal object compacted now would be given the labels read.
    const twin = compactObject(sanitizeObject(pod('web-2', 'node-a', 'kube-api-access-abcde')));
    expect(twin.metadata.labels).toEqual(read.metadata.labels);
    expect(twin.metadata.labels).not.toBe(read.metadata.labels);
    // Control: two objects compacted outside a read do share.
    const again = compactObject(sanitizeObject(pod('web-3', 'node-a', 'kube-api-access-abcde')));
    expect(again.metadata.labels).toBe(twin.metadata.labels);
  });
});

describe('the generated token volume, named once at entry', () => {
  it('renames kube-api-access-<suffix> and its mounts, so the pods of one workload share their containers and volumes', () => {
    const a = compactObject(sanitizeObject(pod('web-1', 'node-a', 'kube-api-access-abcde')));
    const b = compactObject(sanitizeObject(pod('web-2', 'node-b', 'kube-api-access-fghij')));
    const [pa, pb] = [partsOf(a), partsOf(b)];
    expect([pa.volume.name, pa.mount.name, pb.volume.name, pb.mount.name]).toEqual(Array(4).fill(TOKEN_VOLUME_NAME));
    expect(pb.spec.containers).toBe(pa.spec.containers);
    expect(pb.spec.volumes).toBe(pa.spec.volumes);
    // nodeName still tells the specs apart.
    expect(pb.spec).not.toBe(pa.spec);
    expect(pb.spec.nodeName).toBe('node-b');
  });

  it('keeps every name as read when the volume projects no token, the name is not generated, or the fixed name is taken', () => {
    const noToken = pod('web-1', 'node-a', 'kube-api-access-abcde');
    const volume = mustExist((noToken.spec as PodSpec).volumes?.[0], 'volume') as Record<string, unknown>;
    volume.projected = { sources: [{ configMap: { name: 'kube-root-ca.crt' } }] };
    expect(partsOf(sanitizeObject(noToken)).volume.name).toBe('kube-api-access-abcde');

    expect(partsOf(sanitizeObject(pod('web-1', 'node-a', 'my-token'))).mount.name).toBe('my-token');

    const taken = pod('web-1', 'node-a', 'kube-api-access-abcde');
    (taken.spec as PodSpec).volumes?.push({ name: TOKEN_VOLUME_NAME, emptyDir: {} });
    const kept = partsOf(sanitizeObject(taken));
    expect([kept.volume.name, kept.mount.name]).toEqual(['kube-api-access-abcde', 'kube-api-access-abcde']);
  });

  it('renames only in pods: templates and other kinds keep what they were given', () => {
    const deployment: KObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { template: { spec: structuredClone(pod('x', 'n', 'kube-api-access-abcde').spec) } },
    };
    const spec = mustExist(sanitizeObject(deployment).spec, 'spec') as { template: { spec: PodSpec } };
    expect(spec.template.spec.volumes?.[0]?.name).toBe('kube-api-access-abcde');
  });
});

describe('short strings kept once', () => {
  it('keeps every value as read, short or long, when thousands of distinct strings pass through the table', () => {
    const values = Array.from({ length: 5000 }, (_, i) => ({
      kind: 'Pod',
      namespace: `ns-${i % 37}`,
      node: `worker-${i % 503}`,
      uid: `${i}-${'x'.repeat(i % 80)}`,
      tags: [`t${i % 7}`, '', `${i}`],
    }));
    const text = JSON.stringify(values);
    const kept = (JSON.parse(text) as object[]).map((v) => compactObject({ v }).v);
    expect(JSON.stringify(kept)).toBe(text);
  });
});

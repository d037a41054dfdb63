/**
 * Snapshots: an Inventory saved as JSON (collect once, scan many times). Objects were sanitized as
 * they were read; they are sanitized again on load, so a hand-edited snapshot cannot smuggle values in.
 *
 * Both ways are streamed, so a 150,000-pod cluster (over a GiB of JSON) never becomes one string:
 * the writer sends the Inventory out one object at a time, the reader parses one object at a time
 * and validates and sanitizes each as it arrives. The format is the same as JSON.stringify(inv)
 * (`inventoryVersion: 1`), so snapshots of earlier versions load: a kind added to the resource table
 * since (or a list added to the Inventory: node reports, served kinds) is simply absent from them and
 * reads as never collected (test/offline/snapshot-compat.test.ts keeps such a snapshot).
 */
import { UsageError } from '../core/errors.js';
import { INVENTORY_KEYS, INVENTORY_VERSION, type Inventory } from '../core/inventory.js';
import { parseNodeReport } from '../core/node-report.js';
import { checkedDigest } from '../core/gatekeeper.js';
import { unevaluatedProblem } from '../core/unevaluated-netpol.js';
import { formatPath, readJsonInput, type JsonPath } from '../io/json-read.js';
import { jsonChunks } from '../core/json-write.js';
import { writeFileChunks } from '../io/output.js';
import type { KObject } from '../core/k8s.js';
import { isOptionalKey, RESOURCE_KEYS, resourceByKey, type ResourceKey } from '../core/resources.js';
import { compactObject } from '../core/compact.js';
import { sanitizeSettings } from '../core/sanitize-settings.js';
import { DEFAULT_MANIFEST_NAMESPACE, type DefaultingOptions } from './defaults.js';
import { admitFileObject } from './file-objects.js';

/** No Kubernetes object comes near this (etcd refuses objects over 1.5 MiB); a bigger value is not a snapshot. */
export const MAX_SNAPSHOT_VALUE_BYTES = 32 * 1024 * 1024;

/** The snapshot's text as chunks: the top-level lists one entry at a time. */
export function* snapshotChunks(inv: Inventory): Generator<string> {
  yield* jsonChunks(inv, { indent: 0, depth: 2 });
  yield '\n';
}

export async function writeSnapshot(file: string, inv: Inventory): Promise<void> {
  await writeFileChunks(file, snapshotChunks(inv), '--output');
}

const RESOURCE_KEY_SET = new Set<string>(RESOURCE_KEYS);
const LIST_KEYS = ['collected', 'coverage', 'kubelets', 'controlPlane'] as const;

const validServed = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.entries(value).every(([k, v]) => isOptionalKey(k) && typeof v === 'string');

/** `opts.namespace`: for namespaced objects that name none (a hand-made snapshot; `kaudit snapshot` writes every namespace). */
export function readSnapshot(file: string, opts: Partial<DefaultingOptions> = {}): Inventory {
  const defaults: DefaultingOptions = { namespace: opts.namespace ?? DEFAULT_MANIFEST_NAMESPACE };
  const badAt = (where: string, problem: string): never => {
    throw new UsageError(`snapshot ${file}: ${where} ${problem}`);
  };
  const inv = readJsonInput('snapshot', file, {
    maxValueBytes: MAX_SNAPSHOT_VALUE_BYTES,
    // The root object and its lists are read entry by entry; each entry is parsed whole.
    descend: (path, type) => (path.length === 0 && type === 'object') || (path.length === 1 && type === 'array'),
    onValue: (path, value) => (path.length === 0 ? value : path.length === 1 ? topLevel(path[0] as string, value) : entry(path, value)),
  }) as Inventory;

  /** A top-level field, once complete: the version is checked as soon as it is read. */
  function topLevel(key: string, value: unknown): unknown {
    if (key === 'inventoryVersion' && value !== INVENTORY_VERSION) notASnapshot(value);
    if (key === 'served' && !validServed(value))
      badAt('"served"', 'must map optional kinds (such as kyvernoClusterPolicies) to the group version read');
    return value;
  }

  /** One entry of a top-level list, validated (and objects sanitized) as it arrives. */
  function entry(path: JsonPath, value: unknown): unknown {
    const key = path[0] as string;
    const bad = (problem: string): never => badAt(formatPath(path), problem);
    if (RESOURCE_KEY_SET.has(key)) {
      const o = value as KObject;
      if (!o || typeof o !== 'object' || Array.isArray(o)) bad('must be an object');
      const admitted = admitFileObject(resourceByKey(key as ResourceKey), o, defaults);
      if ('problem' in admitted) bad(admitted.problem);
      return compactObject((admitted as { object: KObject }).object);
    }
    if (key === 'coverage') {
      const c = value as Inventory['coverage'][number];
      if (!c || typeof c !== 'object' || typeof c.key !== 'string' || typeof c.reason !== 'string')
        bad('must be {key, kind, status, reason}');
    } else if (key === 'kubelets') {
      const k = value as Inventory['kubelets'][number];
      if (!k || typeof k !== 'object' || typeof k.node !== 'string' || !k.config || typeof k.config !== 'object' || Array.isArray(k.config))
        bad('must be {node, config}');
      k.config = sanitizeSettings(k.config);
    } else if (key === 'controlPlane') {
      const c = value as Inventory['controlPlane'][number];
      if (
        !c ||
        typeof c !== 'object' ||
        typeof c.component !== 'string' ||
        !c.pod ||
        typeof c.pod !== 'object' ||
        !c.flags ||
        typeof c.flags !== 'object'
      )
        bad('must be {component, pod, flags}');
      c.flags = sanitizeSettings(c.flags);
    } else if (key === 'gatekeeperConstraints') {
      const digest = checkedDigest(value);
      if ('problem' in digest) bad(`is not a Gatekeeper constraint: ${digest.problem}`);
      return digest;
    } else if (key === 'unevaluatedNetworkPolicyKinds') {
      const problem = unevaluatedProblem(value);
      if (problem) bad(`is not an unevaluated network-policy kind: ${problem}`);
    } else if (key === 'nodeReports') {
      const parsed = parseNodeReport(value);
      if ('problem' in parsed) bad(`is not a node report: ${parsed.problem}`);
      return (parsed as { report: unknown }).report;
    } else if (key === 'collected') {
      if (!INVENTORY_KEYS.includes(value as Inventory['collected'][number]))
        badAt('"collected"', `names unknown key ${JSON.stringify(value)}`);
    }
    return value;
  }

  function notASnapshot(version: unknown): never {
    throw new UsageError(
      `snapshot ${file}: not a kaudit snapshot of version ${INVENTORY_VERSION} (inventoryVersion is ${JSON.stringify(version)})`,
    );
  }

  if (!inv || typeof inv !== 'object' || Array.isArray(inv) || inv.inventoryVersion !== INVENTORY_VERSION)
    notASnapshot((inv as Partial<Inventory> | null)?.inventoryVersion);
  for (const key of LIST_KEYS) if (!Array.isArray(inv[key])) badAt(`"${key}"`, 'is missing or not a list');
  // A kind added to the resource table after the snapshot was written is missing from it: it was
  // never collected (its checks are not-assessed), which `collected` must agree with.
  for (const key of RESOURCE_KEYS) {
    if (inv[key] === undefined && !inv.collected.includes(key)) inv[key] = [];
    else if (!Array.isArray(inv[key])) badAt(`"${key}"`, inv[key] === undefined ? 'is missing, yet "collected" names it' : 'is not a list');
  }
  inv.served ??= {}; // snapshots from before optional kinds: none served, none collected
  // Snapshots written before node reports existed have none (and did not collect them).
  if (inv.nodeReports === undefined) inv.nodeReports = [];
  else if (!Array.isArray(inv.nodeReports)) badAt('"nodeReports"', 'is not a list');
  // Snapshots written before constraints were read have none (and did not collect them); one whose
  // `collected` names them must hold the list, or "no constraint" would be judged on nothing.
  if (inv.gatekeeperConstraints === undefined && inv.collected.includes('gatekeeperConstraints'))
    badAt('"gatekeeperConstraints"', 'is missing, yet "collected" names it');
  if (inv.gatekeeperConstraints === undefined) inv.gatekeeperConstraints = [];
  else if (!Array.isArray(inv.gatekeeperConstraints)) badAt('"gatekeeperConstraints"', 'is not a list');
  // Snapshots written before unevaluated network-policy kinds were named have none.
  if (inv.unevaluatedNetworkPolicyKinds === undefined) inv.unevaluatedNetworkPolicyKinds = [];
  else if (!Array.isArray(inv.unevaluatedNetworkPolicyKinds)) badAt('"unevaluatedNetworkPolicyKinds"', 'is not a list');
  inv.source = { ...inv.source, type: 'snapshot', inputs: [file] };
  return inv;
}

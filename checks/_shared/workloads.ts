/**
 * Pod specs to judge, with owner attribution: a pod owned by a workload is judged once, through
 * its workload's pod template (Deployment via its ReplicaSet, StatefulSet, DaemonSet, Job, CronJob),
 * and the finding carries the number of pods affected. Templates are judged even with no pods, so
 * rendered manifests are scanned like a cluster. Pods with no known owner are judged themselves.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Inventory } from '../../src/core/inventory.js';
import { scanCache } from '../../src/core/scan-cache.js';
import {
  podTemplateOf,
  type Container,
  type KObject,
  type ObjectMeta,
  type OwnerReference,
  type Pod,
  type PodSpec,
  type Workload,
} from '../../src/core/k8s.js';
import type { InventoryKey } from '../../src/core/inventory.js';

export const POD_SPEC_KEYS: readonly InventoryKey[] = [
  'pods',
  'deployments',
  'replicaSets',
  'daemonSets',
  'statefulSets',
  'jobs',
  'cronJobs',
];

export interface PodSpecSubject {
  /** The workload (or bare pod) findings are reported on. */
  object: KObject;
  spec: PodSpec;
  /** Template metadata (labels, annotations) or the pod's own. */
  meta: Partial<ObjectMeta>;
  /** JSON pointer of the pod spec inside `object`. */
  specPath: string;
  /** Live pods this spec stands for. */
  podCount: number;
  /**
   * 'ephemeral-containers': the containers `kubectl debug` added to one running pod of a workload
   * whose template is judged as its own subject. Its spec holds only those containers and the
   * pod-level fields they inherit (securityContext, os, hostUsers) — not serviceAccountName, host
   * namespaces or volumes — so a check of pod-level fields must skip it (`podLevelSubjects`) or it
   * reports that pod a second time, and wrongly.
   */
  part: 'pod' | 'ephemeral-containers';
}

const cache = scanCache<KObject[], PodSpecSubject[]>();

export function podSpecSubjects(inv: Inventory): PodSpecSubject[] {
  const cached = cache.get(inv.pods);
  if (cached) return cached;
  const subjects = buildSubjects(inv);
  cache.set(inv.pods, subjects);
  return subjects;
}

/** The reference to an object's owner: its controller, else its first owner. */
export function controllerRefOf(o: KObject): OwnerReference | undefined {
  const refs = o.metadata.ownerReferences;
  return refs?.find((r) => r.controller) ?? refs?.[0];
}

/** Kinds an owner reference can name and be found among `workloads` (a static pod's Node never is). */
const OWNER_KINDS: ReadonlySet<string> = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'CronJob', 'Job']);

function buildSubjects(inv: Inventory): PodSpecSubject[] {
  const byUid = new Map<string, Workload>();
  const workloads: Workload[] = [
    ...inv.deployments,
    ...inv.replicaSets,
    ...inv.statefulSets,
    ...inv.daemonSets,
    ...inv.cronJobs,
    ...inv.jobs,
  ];
  for (const w of workloads) if (w.metadata.uid) byUid.set(w.metadata.uid, w);
  // By kind, namespace and name only when a reference has no uid or names an object without one
  // (manifests): live objects all have uids, and 100,000 key strings are not free.
  let byName: Map<string, Workload> | undefined;
  const named = (kind: string, namespace: string | undefined, name: string): Workload | undefined => {
    if (!byName) {
      byName = new Map();
      for (const w of workloads) byName.set(`${w.kind}/${w.metadata.namespace ?? ''}/${w.metadata.name}`, w);
    }
    return byName.get(`${kind}/${namespace ?? ''}/${name}`);
  };
  // The pods of one owner share their ownerReferences list (src/core/compact.ts): an owner found by
  // uid is remembered per list, so each is looked up once, not once per pod and question.
  const byList = new Map<object, Workload>();
  const ownerOf = (o: KObject): Workload | undefined => {
    const refs = o.metadata.ownerReferences;
    if (!refs) return undefined;
    const known = byList.get(refs);
    if (known) return known;
    const ref = controllerRefOf(o);
    if (!ref) return undefined;
    const found = ref.uid ? byUid.get(ref.uid) : undefined;
    if (found) byList.set(refs, found);
    return found ?? ((OWNER_KINDS.has(ref.kind) && named(ref.kind, o.metadata.namespace, ref.name)) || undefined);
  };
  // A ReplicaSet whose template is not its Deployment's current one (a stuck or paused rollout) runs
  // pods the Deployment's template does not describe: it is judged itself, when it has pods.
  // Only ReplicaSets that run pods matter. Equal templates are mostly one shared object
  // (src/core/compact.ts), else compared deeply, key order aside (shared parts compare by identity).
  const withPods = new Set<Workload>();
  for (const pod of inv.pods) {
    const owner = ownerOf(pod);
    if (owner?.kind === 'ReplicaSet') withPods.add(owner);
  }
  const stale = new Set<KObject>();
  for (const rs of withPods) {
    const owner = ownerOf(rs);
    if (owner?.kind !== 'Deployment') continue;
    const [mine, theirs] = [podTemplateOf(rs)?.spec, podTemplateOf(owner)?.spec];
    if (mine !== theirs && !isDeepStrictEqual(mine, theirs)) stale.add(rs);
  }
  const topOf = (o: KObject): KObject => {
    let current = o;
    for (let depth = 0; depth < 4 && !stale.has(current); depth++) {
      const up = ownerOf(current);
      if (!up) break;
      current = up;
    }
    return current;
  };

  const podCounts = new Map<KObject, number>();
  const barePods = new Set<Pod>();
  for (const pod of inv.pods) {
    const top = topOf(pod);
    if (top === pod) barePods.add(pod);
    else podCounts.set(top, (podCounts.get(top) ?? 0) + 1);
  }

  const subjects: PodSpecSubject[] = [];
  for (const w of workloads) {
    if (topOf(w) !== w) continue; // judged through its owner
    if (stale.has(w) && !podCounts.get(w)) continue; // rollout history without pods: nothing runs it
    const template = podTemplateOf(w);
    if (!template?.spec) continue;
    const specPath = w.kind === 'CronJob' ? '/spec/jobTemplate/spec/template/spec' : '/spec/template/spec';
    subjects.push({
      object: w,
      spec: template.spec,
      meta: template.metadata ?? {},
      specPath,
      podCount: podCounts.get(w) ?? 0,
      part: 'pod',
    });
  }
  for (const pod of barePods) {
    if (!pod.spec) continue;
    subjects.push({ object: pod, spec: pod.spec, meta: pod.metadata, specPath: '/spec', podCount: 1, part: 'pod' });
  }
  // Ephemeral containers (kubectl debug) exist only on the pod, never in its owner's template: judge
  // them on the pod, with the pod-level security context they inherit.
  for (const pod of inv.pods) {
    const ephemeral = pod.spec?.ephemeralContainers;
    if (!pod.spec || barePods.has(pod) || !Array.isArray(ephemeral) || !ephemeral.length) continue;
    const { securityContext, os, hostUsers } = pod.spec;
    subjects.push({
      object: pod,
      spec: { containers: [], ephemeralContainers: ephemeral, securityContext, os, hostUsers },
      meta: pod.metadata,
      specPath: '/spec',
      podCount: 1,
      part: 'ephemeral-containers',
    });
  }
  return subjects;
}

const podLevelCache = scanCache<PodSpecSubject[], PodSpecSubject[]>();

/** The subjects whose pod-level fields are judged: every subject but the ephemeral-container ones. */
export function podLevelSubjects(inv: Inventory): PodSpecSubject[] {
  const all = podSpecSubjects(inv);
  let subjects = podLevelCache.get(all);
  if (!subjects) podLevelCache.set(all, (subjects = all.filter((s) => s.part === 'pod')));
  return subjects;
}

export type ContainerType = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface ContainerRef {
  container: Container;
  type: ContainerType;
  index: number;
  /** JSON pointer of the container inside the subject's object. */
  path: string;
}

// A dozen checks list the containers of every subject: once per subject object (never mutated).
const containerLists = scanCache<object, { spec: PodSpec; specPath: string; refs: readonly ContainerRef[] }>();

export function containersOf(subject: Pick<PodSpecSubject, 'spec' | 'specPath'>): readonly ContainerRef[] {
  const known = containerLists.get(subject);
  if (known && known.spec === subject.spec && known.specPath === subject.specPath) return known.refs;
  const refs = listContainerRefs(subject);
  containerLists.set(subject, { spec: subject.spec, specPath: subject.specPath, refs });
  return refs;
}

function listContainerRefs(subject: Pick<PodSpecSubject, 'spec' | 'specPath'>): ContainerRef[] {
  const refs: ContainerRef[] = [];
  for (const type of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    (subject.spec[type] ?? []).forEach((container, index) =>
      refs.push({ container, type, index, path: `${subject.specPath}/${type}/${index}` }),
    );
  }
  return refs;
}

/** 'container', 'init container' or 'ephemeral container', for messages. */
export function containerWord(type: ContainerType): string {
  return type === 'initContainers' ? 'init container' : type === 'ephemeralContainers' ? 'ephemeral container' : 'container';
}

/** 'container app', 'init container migrate' or 'ephemeral container debugger', for messages. */
export function containerLabel(ref: Pick<ContainerRef, 'container' | 'type'>): string {
  return `${containerWord(ref.type)} ${String(ref.container.name ?? '')}`;
}

/** Windows pods: Linux-only fields (capabilities, read-only root, seccomp) do not apply to them. */
export const isWindowsSpec = (spec: PodSpec): boolean => spec.os?.name === 'windows';

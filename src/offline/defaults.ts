/**
 * Offline objects as the API server would store them. A live object has been through the API
 * server's defaulting and admission; a manifest (or a hand-made snapshot) has not, and a verdict may
 * depend on the difference. So objects read from files get the defaults below before they are
 * sanitized and kept; live objects are never touched (they already carry them).
 *
 * Only defaults that a verdict can depend on are applied, each as Kubernetes applies it:
 *
 * | where | field | default (Kubernetes source) |
 * |---|---|---|
 * | namespaced kinds | metadata.namespace | the manifest namespace (`--manifest-namespace`, default `default`), as `kubectl apply` |
 * | pod specs | volumes[] with no source | `emptyDir: {}` (SetDefaults_Volume) |
 * | pod specs | containers[].ports[].protocol, initContainers, ephemeralContainers | `TCP` (SetDefaults_ContainerPort) |
 * | pod specs | containers[].imagePullPolicy | `Always` for a `:latest` or untagged, undigested image, else `IfNotPresent` (SetDefaults_Container) |
 * | pod specs (not Job/CronJob templates) | restartPolicy | `Always` (SetDefaults_PodSpec; a Job must name its own) |
 * | pod specs | serviceAccountName | the deprecated `serviceAccount` when set (SetDefaults_PodSpec) |
 * | Pods | serviceAccountName | `default` (the ServiceAccount admission plugin; templates keep none; mirror pods of static pods keep none: the plugin gives them no account) |
 * | Services | ports[].protocol | `TCP` (SetDefaults_ServicePort) |
 *
 * Every step is a few property reads per container or volume, in place, before the object is
 * compacted: linear and cheap at 150,000 pods. A value that is not of the expected shape is left as
 * it is (schema validation reports it).
 */
import type { KObject } from '../core/k8s.js';
import type { ResourceType } from '../core/resources.js';
import { isMirrorPod } from '../core/platform.js';
import { isRecord } from '../core/shape.js';

export interface DefaultingOptions {
  /** Namespace given to namespaced objects that name none (`--manifest-namespace`). */
  namespace: string;
}

export const DEFAULT_MANIFEST_NAMESPACE = 'default';

/** Every source a volume may name (core/v1 VolumeSource); a volume with none of them is an emptyDir. */
const VOLUME_SOURCES: ReadonlySet<string> = new Set([
  'hostPath',
  'emptyDir',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'persistentVolumeClaim',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'downwardAPI',
  'fc',
  'azureFile',
  'configMap',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'projected',
  'portworxVolume',
  'scaleIO',
  'storageos',
  'csi',
  'ephemeral',
  'image',
]);

/** Applies the defaults to `obj` in place (it is a fresh parse, not shared) and returns it. */
export function applyDefaults(obj: KObject, type: ResourceType, opts: DefaultingOptions): KObject {
  if (
    type.namespaced &&
    isRecord(obj.metadata) &&
    (obj.metadata.namespace === undefined || obj.metadata.namespace === null || obj.metadata.namespace === '')
  ) {
    obj.metadata.namespace = opts.namespace;
  }
  const spec = obj.spec;
  if (!isRecord(spec)) return obj;
  switch (obj.kind) {
    case 'Pod':
      defaultPodSpec(spec, true);
      if (!spec.serviceAccountName && !isMirrorPod(obj)) spec.serviceAccountName = 'default';
      break;
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'StatefulSet':
      if (isRecord(spec.template) && isRecord(spec.template.spec)) defaultPodSpec(spec.template.spec, true);
      break;
    case 'Job':
      if (isRecord(spec.template) && isRecord(spec.template.spec)) defaultPodSpec(spec.template.spec, false);
      break;
    case 'CronJob': {
      const job = spec.jobTemplate;
      if (isRecord(job) && isRecord(job.spec) && isRecord(job.spec.template) && isRecord(job.spec.template.spec))
        defaultPodSpec(job.spec.template.spec, false);
      break;
    }
    case 'Service':
      defaultProtocols(spec.ports);
      break;
  }
  return obj;
}

function defaultPodSpec(spec: Record<string, unknown>, restartAlways: boolean): void {
  if (restartAlways && (spec.restartPolicy === undefined || spec.restartPolicy === '')) spec.restartPolicy = 'Always';
  if (!spec.serviceAccountName && typeof spec.serviceAccount === 'string' && spec.serviceAccount)
    spec.serviceAccountName = spec.serviceAccount;
  if (Array.isArray(spec.volumes))
    for (const v of spec.volumes) if (isRecord(v) && !Object.keys(v).some((k) => VOLUME_SOURCES.has(k))) v.emptyDir = {};
  for (const list of [spec.containers, spec.initContainers, spec.ephemeralContainers]) {
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      if (!isRecord(c)) continue;
      defaultProtocols(c.ports);
      if ((c.imagePullPolicy === undefined || c.imagePullPolicy === '') && typeof c.image === 'string')
        c.imagePullPolicy = pullsLatest(c.image) ? 'Always' : 'IfNotPresent';
    }
  }
}

function defaultProtocols(ports: unknown): void {
  if (!Array.isArray(ports)) return;
  for (const p of ports) if (isRecord(p) && (p.protocol === undefined || p.protocol === '')) p.protocol = 'TCP';
}

/**
 * The tag the runtime pulls is `latest`: written so, or no tag and no digest (Kubernetes'
 * ParseImageName; a `:` is a tag only after the last `/`, so `registry:5000/app` has none).
 */
export function pullsLatest(image: string): boolean {
  const ref = image.trim();
  if (ref.includes('@')) return ref.slice(0, ref.indexOf('@')).endsWith(':latest');
  const colon = ref.lastIndexOf(':');
  return colon <= ref.lastIndexOf('/') || ref.slice(colon + 1) === 'latest';
}

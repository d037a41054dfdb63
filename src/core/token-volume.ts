/**
 * The projected service-account token volume the API server adds to every pod
 * (`kube-api-access-<5 random characters>`, BoundServiceAccountTokenVolume) gets one fixed name at
 * entry. Its random suffix is the only difference between the containers and volumes of most pods
 * of one workload: renamed (volume and mounts together), they are equal and kept once
 * (src/core/compact.ts), about 0.9 KB less per pod. No check reads the suffix; checks read what the
 * volume projects and where it is mounted, which stay as they were.
 */
import { isRecord } from './shape.js';

export const TOKEN_VOLUME_NAME = 'kube-api-access';
const GENERATED = /^kube-api-access-[a-z0-9]{5}$/;

/** The generated token volume of a pod spec renamed to TOKEN_VOLUME_NAME, with every mount of it; in place. */
export function normalizeTokenVolume(spec: unknown): void {
  if (!isRecord(spec) || !Array.isArray(spec.volumes)) return;
  let generated: string | undefined;
  for (const volume of spec.volumes) {
    if (!isRecord(volume) || typeof volume.name !== 'string') continue;
    if (volume.name === TOKEN_VOLUME_NAME) return; // the name is taken: keep every name as read
    if (generated === undefined && GENERATED.test(volume.name) && projectsToken(volume)) generated = volume.name;
  }
  if (generated === undefined) return;
  for (const volume of spec.volumes) if (isRecord(volume) && volume.name === generated) volume.name = TOKEN_VOLUME_NAME;
  for (const list of [spec.containers, spec.initContainers, spec.ephemeralContainers]) {
    if (!Array.isArray(list)) continue;
    for (const container of list) {
      if (!isRecord(container) || !Array.isArray(container.volumeMounts)) continue;
      for (const mount of container.volumeMounts) if (isRecord(mount) && mount.name === generated) mount.name = TOKEN_VOLUME_NAME;
    }
  }
}

function projectsToken(volume: Record<string, unknown>): boolean {
  const sources = isRecord(volume.projected) ? volume.projected.sources : undefined;
  return Array.isArray(sources) && sources.some((s) => isRecord(s) && s.serviceAccountToken !== undefined);
}

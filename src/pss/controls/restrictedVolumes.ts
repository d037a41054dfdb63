/**
 * Volume Types (restricted, v1.0+, id restrictedVolumes): inline volumes may only be configMap,
 * csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected or secret.
 * Replaces hostPathVolumes in a restricted evaluation. `image` was added to the allowed list in
 * Kubernetes 1.33 by amending the v1.0 revision, so it is allowed at every policy version.
 */
import type { PssViolation } from '../types.js';
import {
  asArray,
  asRecord,
  defineControl,
  forbid,
  goString,
  isSet,
  joinQuote,
  pluralize,
  podViolation,
  sortedUnique,
  ALLOWED,
} from '../util.js';

export const ALLOWED_VOLUME_TYPES: readonly string[] = Object.freeze([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

/** Forbidden sources in upstream's order of recognition; anything else is reported as "unknown". */
export const FORBIDDEN_VOLUME_TYPES: readonly string[] = Object.freeze([
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
]);

const EXPECTED = `one of ${ALLOWED_VOLUME_TYPES.join(', ')}`;

export const restrictedVolumes = defineControl({
  id: 'restrictedVolumes',
  title: 'Volume Types',
  level: 'restricted',
  revisions: [
    {
      since: 0,
      overrides: ['hostPathVolumes'],
      note: 'Only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret volumes. Replaces hostPathVolumes under restricted.',
      check(_meta, spec) {
        const bad: string[] = [];
        const types: string[] = [];
        const violations: PssViolation[] = [];
        asArray(spec?.volumes).forEach((raw, i) => {
          const volume = asRecord(raw) ?? {};
          if (ALLOWED_VOLUME_TYPES.some((t) => isSet(volume[t]))) return;
          bad.push(goString(volume.name));
          const type = FORBIDDEN_VOLUME_TYPES.find((t) => isSet(volume[t]));
          if (type) {
            types.push(type);
            violations.push(podViolation(`/spec/volumes/${i}/${type}`, type, EXPECTED));
          } else {
            types.push('unknown');
            const keys = Object.keys(volume).filter((k) => k !== 'name' && isSet(volume[k]));
            violations.push(
              podViolation(`/spec/volumes/${i}`, keys.length > 0 ? `unknown (${keys.join(', ')})` : 'unknown (no volume source)', EXPECTED),
            );
          }
        });
        if (bad.length === 0) return ALLOWED;
        const typeList = sortedUnique(types);
        return forbid(
          'restricted volume types',
          `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('restricted volume type', 'restricted volume types', typeList.length)} ${joinQuote(typeList)}`,
          violations,
        );
      },
    },
  ],
});

/**
 * HostPath Volumes (baseline, v1.0+, id hostPathVolumes): no spec.volumes[*].hostPath.
 * In a restricted evaluation this control is replaced by restrictedVolumes (which also forbids hostPath).
 */
import { asArray, asRecord, defineControl, forbid, goString, isSet, joinQuote, pluralize, podViolation, show, ALLOWED } from '../util.js';
import type { PssViolation } from '../types.js';

export const hostPathVolumes = defineControl({
  id: 'hostPathVolumes',
  title: 'HostPath Volumes',
  level: 'baseline',
  revisions: [
    {
      since: 0,
      note: 'spec.volumes[*].hostPath must be unset.',
      check(_meta, spec) {
        const bad: string[] = [];
        const violations: PssViolation[] = [];
        asArray(spec?.volumes).forEach((raw, i) => {
          const volume = asRecord(raw);
          if (volume && isSet(volume.hostPath)) {
            bad.push(goString(volume.name));
            violations.push(podViolation(`/spec/volumes/${i}/hostPath`, show(volume.hostPath), 'unset'));
          }
        });
        if (bad.length === 0) return ALLOWED;
        return forbid('hostPath volumes', `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)}`, violations);
      },
    },
  ],
});

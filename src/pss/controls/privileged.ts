/**
 * Privileged Containers (baseline, v1.0+, id privileged): securityContext.privileged must not be
 * true on any container, init container or ephemeral container.
 */
import { containerViolation, containersPhrase, containerName, defineControl, forbid, visitContainers, ALLOWED } from '../util.js';
import type { PssViolation } from '../types.js';

export const privileged = defineControl({
  id: 'privileged',
  title: 'Privileged Containers',
  level: 'baseline',
  revisions: [
    {
      since: 0,
      note: 'securityContext.privileged must be unset or false on every container.',
      check(_meta, spec) {
        const bad: string[] = [];
        const violations: PssViolation[] = [];
        for (const c of visitContainers(spec)) {
          if (c.sc?.privileged === true) {
            bad.push(containerName(c));
            violations.push(containerViolation(c, 'securityContext/privileged', 'true', 'unset or false'));
          }
        }
        if (bad.length === 0) return ALLOWED;
        return forbid('privileged', `${containersPhrase(bad)} must not set securityContext.privileged=true`, violations);
      },
    },
  ],
});

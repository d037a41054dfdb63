/**
 * Privilege Escalation (restricted, v1.8+, id allowPrivilegeEscalation): every container must
 * set securityContext.allowPrivilegeEscalation=false explicitly (unset counts as true). From v1.25
 * pods with spec.os.name == "windows" are exempt.
 */
import type { PssViolation } from '../types.js';
import {
  containerName,
  containerViolation,
  containersPhrase,
  defineControl,
  forbid,
  isWindowsPod,
  show,
  visitContainers,
  ALLOWED,
  type CheckFn,
} from '../util.js';

const allowPrivilegeEscalation1_8: CheckFn = (_meta, spec) => {
  const bad: string[] = [];
  const violations: PssViolation[] = [];
  for (const c of visitContainers(spec)) {
    const value = c.sc?.allowPrivilegeEscalation;
    if (value === false) continue;
    bad.push(containerName(c));
    violations.push(containerViolation(c, 'securityContext/allowPrivilegeEscalation', show(value), 'false'));
  }
  if (bad.length === 0) return ALLOWED;
  return forbid(
    'allowPrivilegeEscalation != false',
    `${containersPhrase(bad)} must set securityContext.allowPrivilegeEscalation=false`,
    violations,
  );
};

export const allowPrivilegeEscalation = defineControl({
  id: 'allowPrivilegeEscalation',
  title: 'Privilege Escalation',
  level: 'restricted',
  revisions: [
    { since: 8, note: 'allowPrivilegeEscalation must be false on every container.', check: allowPrivilegeEscalation1_8 },
    {
      since: 25,
      note: 'Pods with spec.os.name "windows" are exempt.',
      check: (meta, spec) => (isWindowsPod(spec) ? ALLOWED : allowPrivilegeEscalation1_8(meta, spec)),
    },
  ],
});

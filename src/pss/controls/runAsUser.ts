/**
 * Running as Non-root user (restricted, v1.23+, id runAsUser): runAsUser must not be 0 at pod
 * level or on any container (unset is allowed). From v1.35 the control is skipped for pods in a
 * user namespace (spec.hostUsers: false).
 */
import type { PssViolation } from '../types.js';
import {
  containerName,
  containerViolation,
  containersPhrase,
  defineControl,
  forbid,
  inUserNamespace,
  podSecurityContext,
  podViolation,
  visitContainers,
  ALLOWED,
  type CheckFn,
} from '../util.js';

const EXPECTED = 'unset or a non-zero UID';

const runAsUser1_23: CheckFn = (_meta, spec) => {
  const setters: string[] = [];
  const violations: PssViolation[] = [];
  if (podSecurityContext(spec)?.runAsUser === 0) {
    setters.push('pod');
    violations.push(podViolation('/spec/securityContext/runAsUser', '0', EXPECTED));
  }
  const bad: string[] = [];
  for (const c of visitContainers(spec)) {
    if (c.sc?.runAsUser === 0) {
      bad.push(containerName(c));
      violations.push(containerViolation(c, 'securityContext/runAsUser', '0', EXPECTED));
    }
  }
  if (bad.length > 0) setters.push(containersPhrase(bad));
  if (setters.length === 0) return ALLOWED;
  return forbid('runAsUser=0', `${setters.join(' and ')} must not set runAsUser=0`, violations);
};

export const runAsUser = defineControl({
  id: 'runAsUser',
  title: 'Running as Non-root user',
  level: 'restricted',
  revisions: [
    { since: 23, note: 'New control: runAsUser must not be 0 (pod or container).', check: runAsUser1_23 },
    {
      since: 35,
      note: 'Skipped for pods with spec.hostUsers: false (user namespaces).',
      check: (meta, spec) => (inUserNamespace(spec) ? ALLOWED : runAsUser1_23(meta, spec)),
    },
  ],
});

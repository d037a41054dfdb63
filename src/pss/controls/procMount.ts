/**
 * /proc Mount Type.
 *
 * procMount (baseline, v1.0+): securityContext.procMount must be unset or "Default" on every
 * container. From v1.35 any value is allowed when the pod runs in a user namespace
 * (spec.hostUsers: false).
 *
 * procMount_restricted (restricted, v1.35+): keeps the unconditional v1.0 rule for restricted
 * policies (no user-namespace relaxation) and replaces procMount in a restricted evaluation.
 */
import type { PssViolation } from '../types.js';
import {
  containerName,
  containerViolation,
  containersPhrase,
  defineControl,
  forbid,
  goString,
  inUserNamespace,
  isSet,
  joinQuote,
  show,
  sortedUnique,
  visitContainers,
  ALLOWED,
  type CheckFn,
} from '../util.js';

const procMount1_0: CheckFn = (_meta, spec) => {
  const bad: string[] = [];
  const types: string[] = [];
  const violations: PssViolation[] = [];
  for (const c of visitContainers(spec)) {
    const value = c.sc?.procMount;
    if (!isSet(value)) continue;
    const type = goString(value);
    if (type !== 'Default') {
      bad.push(containerName(c));
      types.push(type);
      violations.push(containerViolation(c, 'securityContext/procMount', show(type), 'unset or Default'));
    }
  }
  if (bad.length === 0) return ALLOWED;
  return forbid(
    'procMount',
    `${containersPhrase(bad)} must not set securityContext.procMount to ${joinQuote(sortedUnique(types))}`,
    violations,
  );
};

export const procMount = defineControl({
  id: 'procMount',
  title: '/proc Mount Type',
  level: 'baseline',
  revisions: [
    { since: 0, note: 'procMount must be unset or Default.', check: procMount1_0 },
    {
      since: 35,
      note: 'Any procMount is allowed for pods with spec.hostUsers: false (user namespaces).',
      check: (meta, spec) => (inUserNamespace(spec) ? ALLOWED : procMount1_0(meta, spec)),
    },
  ],
});

export const procMountRestricted = defineControl({
  id: 'procMount_restricted',
  title: '/proc Mount Type',
  level: 'restricted',
  revisions: [
    {
      since: 35,
      overrides: ['procMount'],
      note: 'New control: restricted keeps requiring unset or Default even for user-namespace pods; replaces procMount under restricted.',
      check: procMount1_0,
    },
  ],
});

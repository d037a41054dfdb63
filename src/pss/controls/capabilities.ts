/**
 * Capabilities.
 *
 * capabilities_baseline (baseline, v1.0+): capabilities.add may only name capabilities from the
 * container runtime's default set (NET_RAW is deliberately not in it).
 *
 * capabilities_restricted (restricted, v1.22+): every container must drop "ALL" and may add back
 * only NET_BIND_SERVICE. In a restricted evaluation it replaces capabilities_baseline. From v1.25
 * pods with spec.os.name == "windows" are exempt (Linux capabilities do not apply to them); note
 * that, as upstream, the replaced baseline control does not run for such pods either.
 */
import type { PssViolation } from '../types.js';
import {
  asArray,
  asRecord,
  containerViolation,
  containersPhrase,
  containerName,
  defineControl,
  forbid,
  isSet,
  isWindowsPod,
  joinQuote,
  show,
  sortedUnique,
  visitContainers,
  ALLOWED,
  type CheckFn,
} from '../util.js';

export const CAPABILITIES_BASELINE_ALLOWED: readonly string[] = Object.freeze([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);
const BASELINE_SET = new Set(CAPABILITIES_BASELINE_ALLOWED);
const BASELINE_EXPECTED = `one of ${CAPABILITIES_BASELINE_ALLOWED.join(', ')}`;

const capabilitiesBaseline1_0: CheckFn = (_meta, spec) => {
  const bad: string[] = [];
  const caps: string[] = [];
  const violations: PssViolation[] = [];
  for (const c of visitContainers(spec)) {
    const capabilities = asRecord(c.sc?.capabilities);
    if (!capabilities) continue;
    let containerBad = false;
    asArray(capabilities.add).forEach((cap, i) => {
      const name = String(cap);
      if (!BASELINE_SET.has(name)) {
        containerBad = true;
        caps.push(name);
        violations.push(containerViolation(c, `securityContext/capabilities/add/${i}`, show(cap), BASELINE_EXPECTED));
      }
    });
    if (containerBad) bad.push(containerName(c));
  }
  if (bad.length === 0) return ALLOWED;
  return forbid(
    'non-default capabilities',
    `${containersPhrase(bad)} must not include ${joinQuote(sortedUnique(caps))} in securityContext.capabilities.add`,
    violations,
  );
};

export const capabilitiesBaseline = defineControl({
  id: 'capabilities_baseline',
  title: 'Capabilities',
  level: 'baseline',
  revisions: [
    {
      since: 0,
      note: 'capabilities.add limited to the 13 default capabilities.',
      check: capabilitiesBaseline1_0,
    },
  ],
});

const capabilitiesRestricted1_22: CheckFn = (_meta, spec) => {
  const missingDropAll: string[] = [];
  const addingForbidden: string[] = [];
  const forbiddenCaps: string[] = [];
  const violations: PssViolation[] = [];
  for (const c of visitContainers(spec)) {
    const capabilities = asRecord(c.sc?.capabilities);
    if (!capabilities) {
      missingDropAll.push(containerName(c));
      violations.push(containerViolation(c, 'securityContext/capabilities/drop', 'unset', 'a list including "ALL"'));
      continue;
    }
    const drop = asArray(capabilities.drop);
    if (!drop.some((d) => d === 'ALL')) {
      missingDropAll.push(containerName(c));
      violations.push(
        containerViolation(
          c,
          'securityContext/capabilities/drop',
          isSet(capabilities.drop) ? show(capabilities.drop) : 'unset',
          'a list including "ALL"',
        ),
      );
    }
    let containerBad = false;
    asArray(capabilities.add).forEach((cap, i) => {
      if (cap !== 'NET_BIND_SERVICE') {
        containerBad = true;
        forbiddenCaps.push(String(cap));
        violations.push(containerViolation(c, `securityContext/capabilities/add/${i}`, show(cap), 'only NET_BIND_SERVICE'));
      }
    });
    if (containerBad) addingForbidden.push(containerName(c));
  }
  const details: string[] = [];
  if (missingDropAll.length > 0) {
    details.push(`${containersPhrase(missingDropAll)} must set securityContext.capabilities.drop=["ALL"]`);
  }
  if (addingForbidden.length > 0) {
    details.push(
      `${containersPhrase(addingForbidden)} must not include ${joinQuote(sortedUnique(forbiddenCaps))} in securityContext.capabilities.add`,
    );
  }
  if (details.length === 0) return ALLOWED;
  return forbid('unrestricted capabilities', details.join('; '), violations);
};

export const capabilitiesRestricted = defineControl({
  id: 'capabilities_restricted',
  title: 'Capabilities',
  level: 'restricted',
  revisions: [
    {
      since: 22,
      overrides: ['capabilities_baseline'],
      note: 'New control: drop must include "ALL"; add may only contain NET_BIND_SERVICE. Replaces capabilities_baseline under restricted.',
      check: capabilitiesRestricted1_22,
    },
    {
      since: 25,
      overrides: ['capabilities_baseline'],
      note: 'Pods with spec.os.name "windows" are exempt.',
      check: (meta, spec) => (isWindowsPod(spec) ? ALLOWED : capabilitiesRestricted1_22(meta, spec)),
    },
  ],
});

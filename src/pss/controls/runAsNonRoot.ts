/**
 * Running as Non-root (restricted, v1.0+, id runAsNonRoot): every container must run with
 * runAsNonRoot=true, set on the container or inherited from the pod. An explicit false anywhere
 * (pod or container) is forbidden even when the other level says true. From v1.35 the control is
 * skipped for pods in a user namespace (spec.hostUsers: false).
 */
import type { PssViolation } from '../types.js';
import {
  containerName,
  containerViolation,
  containersPhrase,
  defineControl,
  forbid,
  inUserNamespace,
  isSet,
  podSecurityContext,
  podViolation,
  visitContainers,
  ALLOWED,
  type CheckFn,
} from '../util.js';

const runAsNonRoot1_0: CheckFn = (_meta, spec) => {
  const setters: string[] = [];
  const violations: PssViolation[] = [];
  let podTrue = false;
  const podValue = podSecurityContext(spec)?.runAsNonRoot;
  if (isSet(podValue)) {
    if (podValue !== true) {
      setters.push('pod');
      violations.push(podViolation('/spec/securityContext/runAsNonRoot', String(podValue), 'true'));
    } else {
      podTrue = true;
    }
  }
  const explicitlyBad: string[] = [];
  const implicitlyBad: string[] = [];
  for (const c of visitContainers(spec)) {
    const value = c.sc?.runAsNonRoot;
    if (isSet(value)) {
      if (value !== true) {
        explicitlyBad.push(containerName(c));
        violations.push(containerViolation(c, 'securityContext/runAsNonRoot', String(value), 'true'));
      }
    } else if (!podTrue) {
      implicitlyBad.push(containerName(c));
      violations.push(
        containerViolation(c, 'securityContext/runAsNonRoot', 'unset', 'true (here or in /spec/securityContext/runAsNonRoot)'),
      );
    }
  }
  if (explicitlyBad.length > 0) setters.push(containersPhrase(explicitlyBad));
  if (setters.length > 0) {
    return forbid('runAsNonRoot != true', `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`, violations);
  }
  if (implicitlyBad.length > 0) {
    return forbid(
      'runAsNonRoot != true',
      `pod or ${containersPhrase(implicitlyBad)} must set securityContext.runAsNonRoot=true`,
      violations,
    );
  }
  return ALLOWED;
};

export const runAsNonRoot = defineControl({
  id: 'runAsNonRoot',
  title: 'Running as Non-root',
  level: 'restricted',
  revisions: [
    {
      since: 0,
      note: 'runAsNonRoot must be true (container value, or inherited from the pod); false is forbidden at either level.',
      check: runAsNonRoot1_0,
    },
    {
      since: 35,
      note: 'Skipped for pods with spec.hostUsers: false (user namespaces).',
      check: (meta, spec) => (inUserNamespace(spec) ? ALLOWED : runAsNonRoot1_0(meta, spec)),
    },
  ],
});

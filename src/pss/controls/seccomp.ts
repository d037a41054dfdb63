/**
 * Seccomp.
 *
 * seccompProfile_baseline (baseline, v1.0+): a seccomp profile, where one is set, must not be
 * Unconfined. Policy versions before v1.19 read the alpha annotations
 * (seccomp.security.alpha.kubernetes.io/pod and container.seccomp.security.alpha.kubernetes.io/<name>,
 * allowed: runtime/default, docker/default, localhost/*); from v1.19 the seccompProfile.type
 * fields (pod and containers, allowed: RuntimeDefault, Localhost) and annotations are ignored.
 *
 * seccompProfile_restricted (restricted, v1.19+): every container must end up with RuntimeDefault
 * or Localhost, either set on the container or inherited from a valid pod-level profile. Replaces
 * seccompProfile_baseline in a restricted evaluation. From v1.25 pods with spec.os.name ==
 * "windows" are exempt.
 */
import type { PssViolation } from '../types.js';
import {
  annotationPath,
  annotationsOf,
  asRecord,
  containerName,
  containerViolation,
  containersPhrase,
  defineControl,
  forbid,
  goString,
  isWindowsPod,
  joinQuote,
  pluralize,
  podSecurityContext,
  podViolation,
  show,
  sortedUnique,
  visitContainers,
  ALLOWED,
  type CheckFn,
  profileTypeFindings,
} from '../util.js';

export const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
export const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

const TYPE_EXPECTED = 'unset, RuntimeDefault or Localhost';
const REQUIRED_TYPE_EXPECTED = 'RuntimeDefault or Localhost';
const ANNOTATION_EXPECTED = 'unset, runtime/default, docker/default or localhost/<profile>';

function validType(type: string): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

function validAnnotation(value: string): boolean {
  return value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/');
}

const seccompBaseline1_0: CheckFn = (meta, spec) => {
  const annotations = annotationsOf(meta);
  const forbidden: string[] = [];
  const violations: PssViolation[] = [];
  if (Object.prototype.hasOwnProperty.call(annotations, SECCOMP_POD_ANNOTATION)) {
    const value = goString(annotations[SECCOMP_POD_ANNOTATION]);
    if (!validAnnotation(value)) {
      forbidden.push(`${SECCOMP_POD_ANNOTATION}=${JSON.stringify(value)}`);
      violations.push(podViolation(annotationPath(SECCOMP_POD_ANNOTATION), show(value), ANNOTATION_EXPECTED));
    }
  }
  for (const c of visitContainers(spec)) {
    const key = SECCOMP_CONTAINER_ANNOTATION_PREFIX + containerName(c);
    if (!Object.prototype.hasOwnProperty.call(annotations, key)) continue;
    const value = goString(annotations[key]);
    if (!validAnnotation(value)) {
      forbidden.push(`${key}=${JSON.stringify(value)}`);
      violations.push({
        container: containerName(c),
        containerType: c.type,
        path: annotationPath(key),
        observed: show(value),
        expected: ANNOTATION_EXPECTED,
      });
    }
  }
  if (forbidden.length === 0) return ALLOWED;
  const list = sortedUnique(forbidden);
  return forbid('seccompProfile', `forbidden ${pluralize('annotation', 'annotations', list.length)} ${list.join(', ')}`, violations);
};

const seccompBaseline1_19: CheckFn = (_meta, spec) => {
  const { setters, badValues, violations } = profileTypeFindings(spec, 'seccompProfile', validType, TYPE_EXPECTED);
  if (setters.length === 0) return ALLOWED;
  return forbid(
    'seccompProfile',
    `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedUnique(badValues))}`,
    violations,
  );
};

export const seccompProfileBaseline = defineControl({
  id: 'seccompProfile_baseline',
  title: 'Seccomp',
  level: 'baseline',
  revisions: [
    {
      since: 0,
      note: 'Seccomp alpha annotations must be runtime/default, docker/default or localhost/* when set.',
      check: seccompBaseline1_0,
    },
    {
      since: 19,
      note: 'Checks the seccompProfile.type fields instead (RuntimeDefault or Localhost when set); annotations are ignored.',
      check: seccompBaseline1_19,
    },
  ],
});

const seccompRestricted1_19: CheckFn = (_meta, spec) => {
  const setters: string[] = [];
  const badValues: string[] = [];
  const violations: PssViolation[] = [];
  let podValid = false;
  const podProfile = asRecord(podSecurityContext(spec)?.seccompProfile);
  if (podProfile) {
    const type = goString(podProfile.type);
    if (!validType(type)) {
      setters.push('pod');
      badValues.push(type);
      violations.push(podViolation('/spec/securityContext/seccompProfile/type', show(type), REQUIRED_TYPE_EXPECTED));
    } else {
      podValid = true;
    }
  }
  const explicitlyBad: string[] = [];
  const implicitlyBad: string[] = [];
  for (const c of visitContainers(spec)) {
    const profile = asRecord(c.sc?.seccompProfile);
    if (profile) {
      const type = goString(profile.type);
      if (!validType(type)) {
        explicitlyBad.push(containerName(c));
        badValues.push(type);
        violations.push(containerViolation(c, 'securityContext/seccompProfile/type', show(type), REQUIRED_TYPE_EXPECTED));
      }
    } else if (!podValid) {
      implicitlyBad.push(containerName(c));
      violations.push(
        containerViolation(
          c,
          'securityContext/seccompProfile/type',
          'unset',
          `${REQUIRED_TYPE_EXPECTED} (here or in /spec/securityContext/seccompProfile/type)`,
        ),
      );
    }
  }
  if (explicitlyBad.length > 0) setters.push(containersPhrase(explicitlyBad));
  if (setters.length > 0) {
    return forbid(
      'seccompProfile',
      `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedUnique(badValues))}`,
      violations,
    );
  }
  if (implicitlyBad.length > 0) {
    return forbid(
      'seccompProfile',
      `pod or ${containersPhrase(implicitlyBad)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
      violations,
    );
  }
  return ALLOWED;
};

export const seccompProfileRestricted = defineControl({
  id: 'seccompProfile_restricted',
  title: 'Seccomp',
  level: 'restricted',
  revisions: [
    {
      since: 19,
      overrides: ['seccompProfile_baseline'],
      note: 'New control: seccompProfile.type must be RuntimeDefault or Localhost for every container (container value, or inherited from the pod). Replaces seccompProfile_baseline under restricted.',
      check: seccompRestricted1_19,
    },
    {
      since: 25,
      overrides: ['seccompProfile_baseline'],
      note: 'Pods with spec.os.name "windows" are exempt.',
      check: (meta, spec) => (isWindowsPod(spec) ? ALLOWED : seccompRestricted1_19(meta, spec)),
    },
  ],
});

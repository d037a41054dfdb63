/**
 * AppArmor (baseline, v1.0+, id appArmorProfile). Two channels, both checked at every policy
 * version (upstream amended its single v1.0 revision when the fields arrived in Kubernetes 1.30):
 * - the appArmorProfile.type field of the pod and of every container must be RuntimeDefault or
 *   Localhost when set (pod and container settings are judged independently: a valid container
 *   value does not excuse an invalid pod value, and the other way round);
 * - annotations container.apparmor.security.beta.kubernetes.io/<container> must be "",
 *   "runtime/default" or "localhost/<profile>".
 */
import type { PssViolation } from '../types.js';
import {
  annotationPath,
  annotationsOf,
  containerName,
  defineControl,
  forbid,
  goString,
  joinQuote,
  pluralize,
  profileTypeFindings,
  show,
  sortedUnique,
  visitContainers,
  ALLOWED,
} from '../util.js';

export const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const FIELD_EXPECTED = 'unset, RuntimeDefault or Localhost';
const ANNOTATION_EXPECTED = 'unset, "", runtime/default or localhost/<profile>';

function allowedType(type: string): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

function allowedAnnotation(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

export const appArmorProfile = defineControl({
  id: 'appArmorProfile',
  title: 'AppArmor',
  level: 'baseline',
  revisions: [
    {
      since: 0,
      note: 'appArmorProfile.type (pod and containers) must be RuntimeDefault or Localhost; AppArmor annotations must be runtime/default or localhost/*. The field check applies at every version.',
      check(meta, spec) {
        const { setters, badValues, violations } = profileTypeFindings(spec, 'appArmorProfile', allowedType, FIELD_EXPECTED);
        const visited = visitContainers(spec);

        const badAnnotations: string[] = [];
        const annotations = annotationsOf(meta);
        // Sorted after filtering: pods carry many annotations and rarely an AppArmor one.
        for (const key of Object.keys(annotations)
          .filter((k) => k.startsWith(APPARMOR_ANNOTATION_PREFIX))
          .sort()) {
          const value = goString(annotations[key]);
          if (allowedAnnotation(value)) continue;
          badAnnotations.push(`${key}=${JSON.stringify(value)}`);
          const name = key.slice(APPARMOR_ANNOTATION_PREFIX.length);
          const target = visited.find((c) => containerName(c) === name);
          const violation: PssViolation = {
            container: name,
            path: annotationPath(key),
            observed: show(value),
            expected: ANNOTATION_EXPECTED,
          };
          if (target) violation.containerType = target.type;
          violations.push(violation);
        }
        if (badAnnotations.length > 0) setters.push(pluralize('annotation', 'annotations', badAnnotations.length));

        if (setters.length === 0) return ALLOWED;
        const valueList = [...sortedUnique(badValues), ...badAnnotations.sort()];
        return forbid(
          pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', valueList.length),
          `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(valueList)}`,
          violations,
        );
      },
    },
  ],
});

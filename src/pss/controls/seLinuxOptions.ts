/**
 * SELinux (baseline, v1.0+, id seLinuxOptions): seLinuxOptions.type (pod and every container)
 * must be empty or one of the container types; seLinuxOptions.user and .role must be empty.
 * container_engine_t became allowed at v1.31. Pod and container settings are judged
 * independently.
 */
import type { PodSpec } from '../../core/k8s.js';
import type { PssViolation } from '../types.js';
import {
  asRecord,
  containerName,
  containerViolation,
  containersPhrase,
  defineControl,
  forbid,
  goString,
  joinQuote,
  pluralize,
  podSecurityContext,
  show,
  sortedUnique,
  visitContainers,
  ALLOWED,
  type CheckFn,
} from '../util.js';

export const SELINUX_TYPES_1_0: readonly string[] = Object.freeze(['container_t', 'container_init_t', 'container_kvm_t']);
export const SELINUX_TYPES_1_31: readonly string[] = Object.freeze([...SELINUX_TYPES_1_0, 'container_engine_t']);

function seLinuxCheck(allowedTypes: readonly string[]): CheckFn {
  const allowed = new Set(['', ...allowedTypes]);
  const typeExpected = `unset, "", ${allowedTypes.join(', ')}`;
  return (_meta, spec: PodSpec) => {
    const setters: string[] = [];
    const badTypes: string[] = [];
    let setUser = false;
    let setRole = false;
    const violations: PssViolation[] = [];

    /** Checks one seLinuxOptions object; `at` builds a violation for a sub-field. */
    const judge = (opts: Record<string, unknown>, at: (field: string, observed: string, expected: string) => PssViolation): boolean => {
      let valid = true;
      const type = goString(opts.type);
      if (!allowed.has(type)) {
        valid = false;
        badTypes.push(type);
        violations.push(at('type', show(type), typeExpected));
      }
      const user = goString(opts.user);
      if (user.length > 0) {
        valid = false;
        setUser = true;
        violations.push(at('user', show(user), 'unset or ""'));
      }
      const role = goString(opts.role);
      if (role.length > 0) {
        valid = false;
        setRole = true;
        violations.push(at('role', show(role), 'unset or ""'));
      }
      return valid;
    };

    const podOpts = asRecord(podSecurityContext(spec)?.seLinuxOptions);
    if (
      podOpts &&
      !judge(podOpts, (field, observed, expected) => ({ path: `/spec/securityContext/seLinuxOptions/${field}`, observed, expected }))
    ) {
      setters.push('pod');
    }
    const badContainers: string[] = [];
    for (const c of visitContainers(spec)) {
      const opts = asRecord(c.sc?.seLinuxOptions);
      if (!opts) continue;
      if (
        !judge(opts, (field, observed, expected) => containerViolation(c, `securityContext/seLinuxOptions/${field}`, observed, expected))
      ) {
        badContainers.push(containerName(c));
      }
    }
    if (badContainers.length > 0) setters.push(containersPhrase(badContainers));
    if (setters.length === 0) return ALLOWED;

    const data: string[] = [];
    const types = sortedUnique(badTypes);
    if (types.length > 0) data.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
    if (setUser) data.push('user may not be set');
    if (setRole) data.push('role may not be set');
    return forbid(
      'seLinuxOptions',
      `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}`,
      violations,
    );
  };
}

export const seLinuxOptions = defineControl({
  id: 'seLinuxOptions',
  title: 'SELinux',
  level: 'baseline',
  revisions: [
    {
      since: 0,
      note: 'type must be "", container_t, container_init_t or container_kvm_t; user and role must be empty.',
      check: seLinuxCheck(SELINUX_TYPES_1_0),
    },
    {
      since: 31,
      note: 'container_engine_t added to the allowed types.',
      check: seLinuxCheck(SELINUX_TYPES_1_31),
    },
  ],
});

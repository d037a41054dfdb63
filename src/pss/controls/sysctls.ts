/**
 * Sysctls (baseline, v1.0+, id sysctls): spec.securityContext.sysctls[*].name must be in the
 * "safe" set (namespaced and isolated per pod). The set grows by policy version.
 */
import type { PssViolation } from '../types.js';
import {
  asArray,
  asRecord,
  defineControl,
  forbid,
  goString,
  podSecurityContext,
  podViolation,
  show,
  ALLOWED,
  type CheckFn,
} from '../util.js';

/** Sysctls made safe at each policy version (cumulative). */
export const SAFE_SYSCTLS_ADDED: ReadonlyArray<{ since: number; names: readonly string[] }> = Object.freeze([
  {
    since: 0,
    names: [
      'kernel.shm_rmid_forced',
      'net.ipv4.ip_local_port_range',
      'net.ipv4.tcp_syncookies',
      'net.ipv4.ping_group_range',
      'net.ipv4.ip_unprivileged_port_start',
    ],
  },
  { since: 27, names: ['net.ipv4.ip_local_reserved_ports'] },
  {
    since: 29,
    names: ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'],
  },
  { since: 32, names: ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'] },
  { since: 37, names: ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'] },
]);

/** The safe sysctls at a minor version. */
export function safeSysctlsAt(minor: number): string[] {
  return SAFE_SYSCTLS_ADDED.filter((step) => step.since <= minor).flatMap((step) => step.names);
}

function sysctlsCheck(minor: number): CheckFn {
  const safe = safeSysctlsAt(minor);
  const allowed = new Set(safe);
  const expected = `one of ${safe.join(', ')}`;
  return (_meta, spec) => {
    const forbidden: string[] = [];
    const violations: PssViolation[] = [];
    asArray(podSecurityContext(spec)?.sysctls).forEach((raw, i) => {
      const name = goString(asRecord(raw)?.name);
      if (!allowed.has(name)) {
        forbidden.push(name);
        violations.push(podViolation(`/spec/securityContext/sysctls/${i}/name`, show(name), expected));
      }
    });
    if (forbidden.length === 0) return ALLOWED;
    return forbid('forbidden sysctls', forbidden.join(', '), violations);
  };
}

export const sysctls = defineControl({
  id: 'sysctls',
  title: 'Sysctls',
  level: 'baseline',
  revisions: SAFE_SYSCTLS_ADDED.map((step) => ({
    since: step.since,
    note: step.since === 0 ? `Safe set: ${step.names.join(', ')}.` : `Added to the safe set: ${step.names.join(', ')}.`,
    check: sysctlsCheck(step.since),
  })),
});

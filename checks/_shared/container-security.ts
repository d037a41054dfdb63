/**
 * Container security-context helpers shared by the capability and security-context checks:
 * capability names as the container runtime reads them, and empty security contexts.
 */
import type { Container } from '../../src/core/k8s.js';

/**
 * A capability name as written in `add`: runtimes upper-case it, and a CAP_ prefix is read away, so
 * `cap_sys_admin` and `CAP_SYS_ADMIN` both count as SYS_ADMIN (when in doubt, an added capability counts).
 */
export function normalizeCapability(cap: unknown): string {
  const upper = String(cap).trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

/**
 * A name as written in `drop`: only the case is normalized. containerd prepends CAP_ to every entry
 * itself, so `drop: [CAP_NET_RAW]` drops nothing there; such an entry is not credited (fail closed).
 */
const normalizeDropped = (cap: unknown): string => String(cap).trim().toUpperCase();

export interface CapabilityEntry {
  /** Normalized name (see normalizeCapability). */
  name: string;
  /** As written in the manifest. */
  raw: string;
  /** Index in the add or drop list, for the JSON pointer. */
  index: number;
}

/** The container's securityContext.capabilities.add or .drop, normalized as above; [] when unset. */
export function capabilityList(container: Container, list: 'add' | 'drop'): CapabilityEntry[] {
  const values: unknown = container.securityContext?.capabilities?.[list];
  if (!Array.isArray(values)) return [];
  const normalize = list === 'add' ? normalizeCapability : normalizeDropped;
  return values.map((raw: unknown, index) => ({ name: normalize(raw), raw: String(raw), index }));
}

/** Renders a capability list for evidence: `[NET_ADMIN, SYS_TIME]`, or `unset`. */
export function showCapabilities(entries: CapabilityEntry[]): string {
  return entries.length ? `[${entries.map((e) => e.raw).join(', ')}]` : 'unset';
}

/** Pods that declare spec.os.name windows: Linux capabilities, seccomp and privilege escalation do not apply. */

/** A securityContext that is absent, null, or has no field set. */
export function isEmptyContext(sc: unknown): boolean {
  if (sc === undefined || sc === null || typeof sc !== 'object') return true;
  return Object.values(sc as Record<string, unknown>).every((v) => v === undefined || v === null);
}

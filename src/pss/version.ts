/**
 * Policy versions, resolved the way Pod Security Admission resolves them:
 * - 'latest', and any version newer than the newest revision of any check, evaluate as that
 *   newest version (upstream clamps to the registry's maximum version);
 * - every older minor, down to v1.0, evaluates with the revisions in force at that minor.
 *   There is no floor at v1.22: v1.0 through v1.21 are real policy versions upstream (for example
 *   allowPrivilegeEscalation only applies from v1.8 and seccomp is annotation-based before v1.19).
 */
import type { PssMajorMinor, PssVersion } from './types.js';

/**
 * The newest policy version upstream defines: the highest minimum version of any check
 * (sysctls gained net.ipv4.tcp_slow_start_after_idle and net.ipv4.tcp_notsent_lowat at v1.37).
 */
export const LATEST_PSS_VERSION: Readonly<PssMajorMinor> = Object.freeze({ major: 1, minor: 37 });

const VERSION_PATTERN = /^v?1\.(0|[1-9][0-9]*)$/;

/** Parses 'v1.30', '1.30' or 'latest'. Throws an Error naming the bad input otherwise. */
export function parsePssVersion(text: string): PssVersion {
  const value = typeof text === 'string' ? text.trim() : '';
  if (value === 'latest') return 'latest';
  const match = VERSION_PATTERN.exec(value);
  if (!match) {
    throw new Error(
      `invalid Pod Security Standards version ${JSON.stringify(text)}: expected "latest", "v1.<minor>" or "1.<minor>" (for example "v1.30")`,
    );
  }
  return { major: 1, minor: Number(match[1]) };
}

/** Why `text` is not a policy version (parsePssVersion's message), or undefined when it is one: for flag validation. */
export function pssVersionProblem(text: string): string | undefined {
  try {
    parsePssVersion(text);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** 'latest' or 'v1.N'. */
export function formatPssVersion(v: PssVersion): string {
  return v === 'latest' ? 'latest' : `v${v.major}.${v.minor}`;
}

/**
 * The concrete version a policy version evaluates as. Throws on a malformed version object
 * (non-integer or negative numbers, or a major version below 1).
 */
export function resolvePssVersion(v: PssVersion): PssMajorMinor {
  if (v === 'latest') return { ...LATEST_PSS_VERSION };
  if (v === null || typeof v !== 'object' || !Number.isInteger(v.major) || !Number.isInteger(v.minor) || v.major < 1 || v.minor < 0) {
    throw new Error(`invalid Pod Security Standards version ${JSON.stringify(v)}: expected { major: 1, minor: N } or 'latest'`);
  }
  // Upstream compares major first: anything newer than the newest known version is clamped to it.
  if (v.major > LATEST_PSS_VERSION.major || v.minor > LATEST_PSS_VERSION.minor) return { ...LATEST_PSS_VERSION };
  return { major: v.major, minor: v.minor };
}

/** True when a is older than b (both concrete, major 1). */
export function olderThan(a: PssMajorMinor, b: PssMajorMinor): boolean {
  return a.major !== b.major ? a.major < b.major : a.minor < b.minor;
}

export function v1(minor: number): PssMajorMinor {
  return Object.freeze({ major: 1, minor });
}

/**
 * Pod Security Standards, evaluated as Kubernetes' Pod Security Admission evaluates them, for
 * every policy version. Pure: no I/O. See docs/pss.md for the controls and their history.
 */
export type {
  PssContainerType,
  PssControl,
  PssControlResult,
  PssLevel,
  PssMajorMinor,
  PssPodMeta,
  PssRevision,
  PssVersion,
  PssViolation,
} from './types.js';
export { LATEST_PSS_VERSION, formatPssVersion, parsePssVersion, pssVersionProblem, resolvePssVersion } from './version.js';
export { PSS_CONTROLS, controlsFor, evaluatePodSecurity, getPssControl } from './registry.js';
export { CAPABILITIES_BASELINE_ALLOWED } from './controls/capabilities.js';
export { SAFE_SYSCTLS_ADDED, safeSysctlsAt } from './controls/sysctls.js';
export { ALLOWED_VOLUME_TYPES } from './controls/restrictedVolumes.js';
export { SELINUX_TYPES_1_0, SELINUX_TYPES_1_31 } from './controls/seLinuxOptions.js';

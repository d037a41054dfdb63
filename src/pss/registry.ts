/**
 * The control registry and policy evaluation.
 *
 * As in Pod Security Admission: a baseline policy runs every baseline control that applies at the
 * version; a restricted policy runs those same baseline controls minus any a restricted control
 * replaces at that version ("overrides": restrictedVolumes -> hostPathVolumes,
 * seccompProfile_restricted -> seccompProfile_baseline, capabilities_restricted ->
 * capabilities_baseline, procMount_restricted -> procMount), plus every restricted control that
 * applies. Results come in documentation order, baseline controls first.
 */
import type { PodSpec } from '../core/k8s.js';
import { appArmorProfile } from './controls/appArmorProfile.js';
import { allowPrivilegeEscalation } from './controls/allowPrivilegeEscalation.js';
import { capabilitiesBaseline, capabilitiesRestricted } from './controls/capabilities.js';
import { hostNamespaces } from './controls/hostNamespaces.js';
import { hostPathVolumes } from './controls/hostPathVolumes.js';
import { hostPorts } from './controls/hostPorts.js';
import { hostProbesAndHostLifecycle } from './controls/hostProbesAndHostLifecycle.js';
import { privileged } from './controls/privileged.js';
import { procMount, procMountRestricted } from './controls/procMount.js';
import { restrictedVolumes } from './controls/restrictedVolumes.js';
import { runAsNonRoot } from './controls/runAsNonRoot.js';
import { runAsUser } from './controls/runAsUser.js';
import { seccompProfileBaseline, seccompProfileRestricted } from './controls/seccomp.js';
import { seLinuxOptions } from './controls/seLinuxOptions.js';
import { sysctls } from './controls/sysctls.js';
import { windowsHostProcess } from './controls/windowsHostProcess.js';
import type { PssControl, PssControlResult, PssLevel, PssPodMeta, PssVersion } from './types.js';
import { resolvePssVersion } from './version.js';

/** Every control once, in the order of the Pod Security Standards page (baseline, then restricted). */
export const PSS_CONTROLS: readonly PssControl[] = Object.freeze([
  windowsHostProcess,
  hostNamespaces,
  privileged,
  capabilitiesBaseline,
  hostPathVolumes,
  hostPorts,
  hostProbesAndHostLifecycle,
  appArmorProfile,
  seLinuxOptions,
  procMount,
  seccompProfileBaseline,
  sysctls,
  restrictedVolumes,
  allowPrivilegeEscalation,
  runAsNonRoot,
  runAsUser,
  seccompProfileRestricted,
  capabilitiesRestricted,
  procMountRestricted,
]);

export function getPssControl(id: string): PssControl | undefined {
  return PSS_CONTROLS.find((c) => c.id === id);
}

function assertLevel(level: PssLevel): void {
  if (level !== 'baseline' && level !== 'restricted') {
    throw new Error(`invalid Pod Security Standards level ${JSON.stringify(level)}: expected "baseline" or "restricted"`);
  }
}

/** The controls evaluated for a policy level and version, with overrides applied. */
const controlsCache = new Map<string, PssControl[]>();

export function controlsFor(level: PssLevel, v: PssVersion): PssControl[] {
  assertLevel(level);
  resolvePssVersion(v); // validate early
  const key = `${level} ${v === 'latest' ? v : `${v.major}.${v.minor}`}`;
  let controls = controlsCache.get(key);
  if (!controls) controlsCache.set(key, (controls = computeControls(level, v)));
  return [...controls];
}

function computeControls(level: PssLevel, v: PssVersion): PssControl[] {
  const applicable = PSS_CONTROLS.filter((c) => c.appliesAt(v));
  if (level === 'baseline') return applicable.filter((c) => c.level === 'baseline');
  const overridden = new Set(applicable.filter((c) => c.level === 'restricted').flatMap((c) => c.overridesAt(v)));
  return applicable.filter((c) => !(c.level === 'baseline' && overridden.has(c.id)));
}

/** One result per effective control at that level and version. */
export function evaluatePodSecurity(level: PssLevel, v: PssVersion, meta: PssPodMeta | undefined, spec: PodSpec): PssControlResult[] {
  return controlsFor(level, v).map((c) => c.evaluate(meta, spec, v));
}

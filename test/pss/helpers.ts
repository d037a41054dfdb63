import type { Container, PodSpec } from '../../src/core/k8s.js';
import { getPssControl, parsePssVersion, type PssControlResult, type PssPodMeta } from '../../src/pss/index.js';

/** Evaluates one control at a version given as text ('v1.30', 'latest'). */
export function run(id: string, spec: PodSpec, version = 'latest', meta?: PssPodMeta): PssControlResult {
  const control = getPssControl(id);
  if (!control) throw new Error(`unknown control ${id}`);
  return control.evaluate(meta, spec, parsePssVersion(version));
}

/** A container securityContext that satisfies every restricted control. */
export function restrictedSC(): NonNullable<Container['securityContext']> {
  return {
    allowPrivilegeEscalation: false,
    runAsNonRoot: true,
    seccompProfile: { type: 'RuntimeDefault' },
    capabilities: { drop: ['ALL'] },
  };
}

/** A pod that passes baseline and restricted at every version. */
export function compliantPod(): PodSpec {
  return {
    initContainers: [{ name: 'init', image: 'registry.k8s.io/pause', securityContext: restrictedSC() }],
    containers: [{ name: 'app', image: 'registry.k8s.io/pause', securityContext: restrictedSC() }],
  };
}

export function pod(containers: Container[], extra: Partial<PodSpec> = {}): PodSpec {
  return { containers, ...extra };
}

/** Every minor from v1.0 to v1.<last>. */
export function minors(last: number): string[] {
  return Array.from({ length: last + 1 }, (_, i) => `v1.${i}`);
}

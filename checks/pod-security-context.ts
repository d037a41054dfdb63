import { defineCheck } from '../src/core/check.js';
import type { Container, PodSpec } from '../src/core/k8s.js';
import { capabilityList, isEmptyContext, showCapabilities } from './_shared/container-security.js';
import { containersOf, podSpecSubjects, POD_SPEC_KEYS, type PodSpecSubject, containerWord, isWindowsSpec } from './_shared/workloads.js';

const CONFINING_SECCOMP = new Set(['RuntimeDefault', 'Localhost']);

const show = (v: unknown): string => (v === undefined || v === null ? 'unset' : String(v));

/** What a container lacks, as [field, observed] pairs; pod-level values count where Kubernetes inherits them. */
function missingFields(spec: PodSpec, container: Container): [string, string][] {
  const pod = spec.securityContext ?? {};
  const sc = container.securityContext ?? {};
  const missing: [string, string][] = [];
  const nonRoot = sc.runAsNonRoot ?? pod.runAsNonRoot;
  const user = sc.runAsUser ?? pod.runAsUser;
  if (nonRoot !== true && !(typeof user === 'number' && user > 0))
    missing.push(['runAsNonRoot', `runAsNonRoot ${show(nonRoot)}, runAsUser ${show(user)}`]);
  if (isWindowsSpec(spec)) return missing; // the fields below are Linux-only
  if (sc.allowPrivilegeEscalation !== false)
    missing.push(['allowPrivilegeEscalation', `allowPrivilegeEscalation ${show(sc.allowPrivilegeEscalation)}`]);
  const drop = capabilityList(container, 'drop');
  if (!drop.some((c) => c.name === 'ALL')) missing.push(['capabilities.drop', `capabilities.drop ${showCapabilities(drop)}`]);
  const seccomp = sc.seccompProfile?.type ?? pod.seccompProfile?.type;
  if (!seccomp || !CONFINING_SECCOMP.has(seccomp)) missing.push(['seccompProfile', `seccompProfile ${show(seccomp)}`]);
  return missing;
}

const EXPECTED_LINUX =
  'runAsNonRoot: true or runAsUser > 0; allowPrivilegeEscalation: false; capabilities.drop includes ALL; seccompProfile RuntimeDefault or Localhost (pod or container)';
const EXPECTED_WINDOWS = 'runAsNonRoot: true (pod or container)';

export default defineCheck({
  meta: {
    id: 'pod-security-context',
    title: 'Pods and containers set a hardening securityContext',
    description:
      'A securityContext is where a pod declares that it runs as a non-root user, cannot gain privileges, holds no capabilities and is confined by seccomp; without one every container gets the permissive runtime defaults. ' +
      'Rule: one finding on the pod spec when neither spec.securityContext nor any container (init and ephemeral included) sets a field in its securityContext. Otherwise one finding per container lacking any of: runAsNonRoot true or runAsUser > 0 (container, else pod); allowPrivilegeEscalation false (container); capabilities.drop including ALL (container); seccompProfile type RuntimeDefault or Localhost (container, else pod). ' +
      'For pods with spec.os.name windows only runAsNonRoot is required; the other fields do not apply there. The legacy seccomp annotations are not read.',
    severity: 'medium',
    requires: POD_SPEC_KEYS,
    messages: {
      none: '{{kind}} {{name}} sets no securityContext on the pod or any container',
      incomplete: '{{containerType}} {{container}} of {{kind}} {{name}} lacks {{missing}} in its securityContext',
    },
    remediation:
      'Set spec.securityContext (runAsNonRoot: true, a non-zero runAsUser, seccompProfile: {type: RuntimeDefault}) and, on every container, securityContext with allowPrivilegeEscalation: false and capabilities: {drop: ["ALL"]}. These are the fields the Pod Security Standards restricted level requires.',
    references: ['CIS Kubernetes Benchmark 5.6.3', 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
    example: `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
      - {name: api, image: example.com/api:1.4}   # no securityContext anywhere`,
  },
  select: (inv) => podSpecSubjects(inv),
  evaluate(subject: PodSpecSubject, ctx) {
    const { spec } = subject;
    const kind = subject.object.kind;
    const name = subject.object.metadata.name;
    const containers = containersOf(subject);
    // The pod-wide finding belongs to the pod's own subject; a debug container is judged alone below.
    if (
      subject.part === 'pod' &&
      isEmptyContext(spec.securityContext) &&
      containers.every((c) => isEmptyContext(c.container.securityContext))
    ) {
      ctx.report({
        messageId: 'none',
        path: `${subject.specPath}/securityContext`,
        observed: 'no securityContext on the pod or its containers',
        expected: isWindowsSpec(spec) ? EXPECTED_WINDOWS : EXPECTED_LINUX,
        data: { kind, name },
      });
      return;
    }
    for (const ref of containers) {
      const missing = missingFields(spec, ref.container);
      if (!missing.length) continue;
      ctx.report({
        messageId: 'incomplete',
        path: `${ref.path}/securityContext`,
        observed: missing.map(([, observed]) => observed).join('; '),
        expected: isWindowsSpec(spec) ? EXPECTED_WINDOWS : EXPECTED_LINUX,
        data: {
          containerType: containerWord(ref.type),
          container: ref.container.name,
          kind,
          name,
          missing: missing.map(([field]) => field).join(', '),
        },
      });
    }
  },
});

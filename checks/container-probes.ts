import { defineCheck } from '../src/core/check.js';
import { containersOf, podSpecSubjects, POD_SPEC_KEYS, type PodSpecSubject, containerLabel } from './_shared/workloads.js';

/** Pods that run to completion: no traffic to gate and nothing to keep alive. */
const RUN_TO_COMPLETION = new Set(['Never', 'OnFailure']);
const BATCH_KINDS = new Set(['Job', 'CronJob']);

const PROBES = [
  { field: 'readinessProbe', messageId: 'noReadiness', expected: 'a readinessProbe (Service endpoints get the pod only when it is ready)' },
  { field: 'livenessProbe', messageId: 'noLiveness', expected: 'a livenessProbe (a hung container gets restarted)' },
] as const;

export default defineCheck({
  meta: {
    id: 'container-probes',
    title: 'Long-running containers have readiness and liveness probes',
    description:
      'Without a readinessProbe a container receives Service traffic as soon as it starts, before it can serve, and keeps receiving it while it cannot; ' +
      'rolling updates then proceed over pods that are not ready. Without a livenessProbe a deadlocked process is never restarted. Judged: the regular ' +
      'containers of workloads that run continuously. Skipped: init and ephemeral containers, Job and CronJob templates, and pods whose restartPolicy is ' +
      'Never or OnFailure (they run to completion). A startupProbe does not replace either probe. Each missing probe is its own finding.',
    severity: 'info',
    requires: POD_SPEC_KEYS,
    messages: {
      noReadiness: '{{container}} has no readinessProbe',
      noLiveness: '{{container}} has no livenessProbe',
    },
    remediation:
      'Add a readinessProbe that checks the container can serve (an HTTP health endpoint, a TCP or gRPC check) and a livenessProbe that only fails when the ' +
      'process is stuck and a restart would help; do not make liveness depend on downstream services. Give slow starters a startupProbe rather than a long ' +
      'initialDelaySeconds.',
    references: [
      'https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/',
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
      'Polaris readinessProbeMissing, livenessProbeMissing',
      'Kubescape C-0018 (configured readiness probe), C-0056 (configured liveness probe)',
    ],
    example: `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
      - name: api
        image: registry.example.com/api:5.0.2
        ports: [{containerPort: 8080}]   # no readinessProbe, no livenessProbe`,
  },
  select: (inv) => podSpecSubjects(inv),
  evaluate(subject: PodSpecSubject, ctx) {
    if (BATCH_KINDS.has(subject.object.kind)) return;
    const restartPolicy: unknown = subject.spec.restartPolicy;
    if (typeof restartPolicy === 'string' && RUN_TO_COMPLETION.has(restartPolicy)) return;
    for (const ref of containersOf(subject)) {
      if (ref.type !== 'containers') continue;
      for (const probe of PROBES) {
        const value: unknown = ref.container[probe.field];
        if (value && typeof value === 'object') continue;
        ctx.report({
          messageId: probe.messageId,
          path: `${ref.path}/${probe.field}`,
          data: { container: containerLabel(ref) },
          observed: `${probe.field} unset`,
          expected: probe.expected,
        });
      }
    }
  },
});

import { defineCheck } from '../src/core/check.js';
import { containersOf, podSpecSubjects, POD_SPEC_KEYS, type PodSpecSubject, containerLabel } from './_shared/workloads.js';
import { isZeroQuantity, podLevel, quantity, type ComputeResource } from './_shared/workload-practices.js';

export default defineCheck({
  meta: {
    id: 'container-resource-limits',
    title: 'Containers have a memory limit',
    description:
      'Memory cannot be taken back from a process once granted: a container without a memory limit can grow until the node runs short, and then the kernel ' +
      'OOM killer and kubelet evictions hit its neighbours too. Every container and init container must set a non-zero memory limit (a pod-level ' +
      'spec.resources.limits.memory also bounds them). A CPU limit is not required by default (option requireCpuLimit: false): CPU is compressible, so a ' +
      'container beyond its request is only slowed when the node is busy and its share is already guaranteed by its CPU request, whereas a CPU limit is a ' +
      'CFS quota that throttles the container even on an idle node and causes latency spikes (worst for multi-threaded runtimes and garbage collectors). ' +
      'Set requireCpuLimit: true where policy demands hard CPU ceilings, for example multi-tenant clusters or a ResourceQuota on limits.cpu.',
    severity: 'medium',
    requires: POD_SPEC_KEYS,
    messages: {
      missing: '{{container}} has no {{resource}} limit',
      zero: '{{container}} sets a zero {{resource}} limit ({{quantity}}), which is no limit',
    },
    remediation:
      'Set resources.limits.memory on every container and init container, at or somewhat above the peak working set observed (equal to the request for the ' +
      'Guaranteed QoS class). Add resources.limits.cpu only where a hard CPU ceiling is wanted, and then watch the container for CPU throttling.',
    references: [
      'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
      'https://kubernetes.io/docs/tasks/configure-pod-container/assign-memory-resource/',
      'Polaris memoryLimitsMissing, cpuLimitsMissing',
      'Kubescape C-0004 (resources memory limit and request), C-0050 (resources CPU limit and request)',
    ],
    options: {
      defaults: { requireCpuLimit: false },
      schema: { type: 'object', properties: { requireCpuLimit: { type: 'boolean' } }, additionalProperties: false },
    },
    example: `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: cache, namespace: shop}
spec:
  serviceName: cache
  selector: {matchLabels: {app: cache}}
  template:
    metadata: {labels: {app: cache}}
    spec:
      containers:
      - name: redis
        image: redis:7.4.1
        resources:
          requests: {cpu: 250m, memory: 512Mi}   # no memory limit`,
  },
  select: (inv) => podSpecSubjects(inv),
  evaluate(subject: PodSpecSubject, ctx) {
    const wanted: ComputeResource[] = ctx.options.requireCpuLimit === true ? ['cpu', 'memory'] : ['memory'];
    for (const ref of containersOf(subject)) {
      if (ref.type === 'ephemeralContainers') continue;
      for (const resource of wanted) {
        if (podLevel(subject.spec, 'limits', resource)) continue;
        const limit = quantity(ref.container.resources?.limits, resource);
        const path = `${ref.path}/resources/limits/${resource}`;
        const data = { container: containerLabel(ref), resource };
        if (limit === undefined) {
          ctx.report({
            messageId: 'missing',
            path,
            data,
            observed: `resources.limits.${resource} unset`,
            expected: `a non-zero ${resource} limit`,
          });
        } else if (isZeroQuantity(limit)) {
          ctx.report({
            messageId: 'zero',
            path,
            data: { ...data, quantity: limit },
            observed: `resources.limits.${resource}: ${limit}`,
            expected: `a non-zero ${resource} limit`,
          });
        }
      }
    }
  },
});

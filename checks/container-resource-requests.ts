import { defineCheck } from '../src/core/check.js';
import { containersOf, podSpecSubjects, POD_SPEC_KEYS, type PodSpecSubject, containerLabel } from './_shared/workloads.js';
import { COMPUTE_RESOURCES, isZeroQuantity, podLevel, quantity } from './_shared/workload-practices.js';

export default defineCheck({
  meta: {
    id: 'container-resource-requests',
    title: 'Containers request CPU and memory',
    description:
      'The scheduler places a pod by its requests, and the kubelet evicts and ranks pods under memory pressure by them. A container without a CPU or memory request is ' +
      'scheduled as if it needed nothing: nodes get overcommitted, the pod lands in the BestEffort or Burstable QoS class and is among the first evicted, and the ' +
      'namespace quota cannot account for it. Containers and init containers are judged (ephemeral containers cannot set resources). A request counts when it is ' +
      'written, when Kubernetes defaults it from the container limit of the same resource (a limit without a request becomes the request), or when the pod sets a ' +
      'pod-level request or limit of that resource (spec.resources). A zero quantity is no request. Defaults that a namespace LimitRange would inject at admission ' +
      'are not visible in workload templates and do not count.',
    severity: 'medium',
    requires: POD_SPEC_KEYS,
    messages: {
      missing: '{{container}} has no {{resource}} request',
      zero: '{{container}} sets a zero {{resource}} request ({{quantity}})',
    },
    remediation:
      'Set resources.requests.cpu and resources.requests.memory on every container and init container, sized from observed usage (for example the p95 of ' +
      'the last weeks, or a VerticalPodAutoscaler in recommendation mode). A namespace LimitRange with defaultRequest is a safety net, not a substitute.',
    references: [
      'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
      'https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/',
      'Polaris cpuRequestsMissing, memoryRequestsMissing',
      'Kubescape C-0004 (resources memory limit and request)',
    ],
    example: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: registry.example.com/web:2.4.1
        resources:
          requests: {memory: 256Mi}   # no cpu request`,
  },
  select: (inv) => podSpecSubjects(inv),
  evaluate(subject: PodSpecSubject, ctx) {
    for (const ref of containersOf(subject)) {
      if (ref.type === 'ephemeralContainers') continue;
      const resources = ref.container.resources;
      for (const resource of COMPUTE_RESOURCES) {
        if (podLevel(subject.spec, 'requests', resource) || podLevel(subject.spec, 'limits', resource)) continue;
        const requested = quantity(resources?.requests, resource);
        // Kubernetes defaults a missing request to the limit of the same resource.
        const source = requested !== undefined ? 'requests' : 'limits';
        const effective = requested ?? quantity(resources?.limits, resource);
        const data = { container: containerLabel(ref), resource };
        if (effective === undefined) {
          ctx.report({
            messageId: 'missing',
            path: `${ref.path}/resources/requests/${resource}`,
            data,
            observed: `resources.requests.${resource} unset (and no ${resource} limit to default from)`,
            expected: `a non-zero ${resource} request`,
          });
        } else if (isZeroQuantity(effective)) {
          ctx.report({
            messageId: 'zero',
            path: `${ref.path}/resources/${source}/${resource}`,
            data: { ...data, quantity: effective },
            observed: `resources.${source}.${resource}: ${effective}`,
            expected: `a non-zero ${resource} request`,
          });
        }
      }
    }
  },
});

import { defineCheck } from '../src/core/check.js';
import { reportHostNamespace } from './_shared/host-namespaces.js';
import { podLevelSubjects, POD_SPEC_KEYS, type PodSpecSubject } from './_shared/workloads.js';

export default defineCheck({
  meta: {
    id: 'pod-host-network',
    title: 'Pods do not use the host network namespace',
    description:
      "A pod with hostNetwork: true uses its node's network stack: it can bind any node port, reach services listening only on the node's loopback (the kubelet's local endpoints, metadata proxies), sniff node traffic with NET_RAW, and it is not subject to NetworkPolicies. Fails on each pod template (or bare pod) that sets spec.hostNetwork to true; false or unset passes.",
    severity: 'high',
    requires: POD_SPEC_KEYS,
    messages: { hostNetwork: '{{kind}} {{name}} sets hostNetwork: true' },
    remediation:
      'Remove hostNetwork from the pod spec (or set it to false) and expose the workload through a Service (NodePort or LoadBalancer if it must be reachable from outside). Keep host-network node agents (CNI, kube-proxy) in system namespaces with a documented exception.',
    references: ['CIS Kubernetes Benchmark 5.2.5', 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
    example: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: metrics-agent, namespace: monitoring}
spec:
  selector: {matchLabels: {app: metrics-agent}}
  template:
    metadata: {labels: {app: metrics-agent}}
    spec:
      hostNetwork: true
      containers:
      - {name: agent, image: example.com/metrics-agent:2.1}`,
  },
  select: (inv) => podLevelSubjects(inv),
  evaluate(subject: PodSpecSubject, ctx) {
    reportHostNamespace(subject, ctx, 'hostNetwork', 'hostNetwork');
  },
});

import { defineCheck } from '../src/core/check.js';
import { reportHostNamespace } from './_shared/host-namespaces.js';
import { podLevelSubjects, POD_SPEC_KEYS, type PodSpecSubject } from './_shared/workloads.js';

export default defineCheck({
  meta: {
    id: 'pod-host-pid',
    title: 'Pods do not share the host PID namespace',
    description:
      'A pod with hostPID: true sees every process on its node. Its containers can read the environment and command line of other workloads and of the kubelet, and, with ptrace or root, signal or attach to them, which turns one compromised container into a node compromise. Fails on each pod template (or bare pod) that sets spec.hostPID to true; false or unset passes.',
    severity: 'high',
    requires: POD_SPEC_KEYS,
    messages: { hostPid: '{{kind}} {{name}} sets hostPID: true' },
    remediation:
      'Remove hostPID from the pod spec (or set it to false). Node agents that truly need the host process table belong in a dedicated namespace with a Pod Security Admission level of privileged and a documented exception.',
    references: ['CIS Kubernetes Benchmark 5.2.3', 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
    example: `apiVersion: apps/v1
kind: Deployment
metadata: {name: debug-tools, namespace: ops}
spec:
  selector: {matchLabels: {app: debug-tools}}
  template:
    metadata: {labels: {app: debug-tools}}
    spec:
      hostPID: true
      containers:
      - {name: shell, image: busybox:1.36}`,
  },
  select: (inv) => podLevelSubjects(inv),
  evaluate(subject: PodSpecSubject, ctx) {
    reportHostNamespace(subject, ctx, 'hostPID', 'hostPid');
  },
});

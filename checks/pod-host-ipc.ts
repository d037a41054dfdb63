import { defineCheck } from '../src/core/check.js';
import { reportHostNamespace } from './_shared/host-namespaces.js';
import { podLevelSubjects, POD_SPEC_KEYS, type PodSpecSubject } from './_shared/workloads.js';

export default defineCheck({
  meta: {
    id: 'pod-host-ipc',
    title: 'Pods do not share the host IPC namespace',
    description:
      'A pod with hostIPC: true joins the IPC namespace of its node: it can read and write the System V shared memory segments, semaphores and POSIX message queues of host processes and of every other pod that shares it. Fails on each pod template (or bare pod) that sets spec.hostIPC to true; false or unset passes.',
    severity: 'high',
    requires: POD_SPEC_KEYS,
    messages: { hostIpc: '{{kind}} {{name}} sets hostIPC: true' },
    remediation:
      'Remove hostIPC from the pod spec (or set it to false). Containers of the same pod already share an IPC namespace; use that, or a shared emptyDir volume, to exchange data between them.',
    references: ['CIS Kubernetes Benchmark 5.2.4', 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
    example: `apiVersion: v1
kind: Pod
metadata: {name: shm-reader, namespace: lab}
spec:
  hostIPC: true
  containers:
  - {name: reader, image: busybox:1.36}`,
  },
  select: (inv) => podLevelSubjects(inv),
  evaluate(subject: PodSpecSubject, ctx) {
    reportHostNamespace(subject, ctx, 'hostIPC', 'hostIpc');
  },
});

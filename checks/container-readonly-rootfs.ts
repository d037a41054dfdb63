import { defineCheck } from '../src/core/check.js';
import { containersOf, podSpecSubjects, POD_SPEC_KEYS, type PodSpecSubject, containerLabel, isWindowsSpec } from './_shared/workloads.js';

export default defineCheck({
  meta: {
    id: 'container-readonly-rootfs',
    title: 'Containers run with a read-only root filesystem',
    description:
      'With a writable root filesystem, an attacker who gets code execution in a container can drop tools, modify binaries and libraries, or persist ' +
      'changes for as long as the container lives, and a buggy application can fill the node disk through its writable layer. ' +
      'securityContext.readOnlyRootFilesystem: true makes the image immutable at run time; the application writes only to the volumes it mounts. ' +
      'Every container, init container and ephemeral container must set it to true. Pods with spec.os.name: windows are skipped, since Windows ' +
      'does not support the field and the API server rejects it there.',
    severity: 'low',
    requires: POD_SPEC_KEYS,
    messages: { writable: '{{container}} does not set securityContext.readOnlyRootFilesystem: true' },
    remediation:
      'Set securityContext.readOnlyRootFilesystem: true on each container and mount an emptyDir (medium: Memory for small scratch space) at each path the ' +
      'application writes to, such as /tmp, caches or PID files.',
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
      'NSA/CISA Kubernetes Hardening Guide (immutable container file systems)',
      'Polaris notReadOnlyRootFilesystem',
      'Kubescape C-0017 (immutable container filesystem)',
    ],
    example: `apiVersion: v1
kind: Pod
metadata: {name: tools, namespace: ops}
spec:
  containers:
  - name: shell
    image: registry.example.com/tools:3.1.0
    securityContext:
      readOnlyRootFilesystem: false`,
  },
  select: (inv) => podSpecSubjects(inv),
  evaluate(subject: PodSpecSubject, ctx) {
    if (isWindowsSpec(subject.spec)) return;
    for (const ref of containersOf(subject)) {
      const value: unknown = ref.container.securityContext?.readOnlyRootFilesystem;
      if (value === true) continue;
      ctx.report({
        messageId: 'writable',
        path: `${ref.path}/securityContext/readOnlyRootFilesystem`,
        data: { container: containerLabel(ref) },
        observed: value === undefined || value === null ? 'unset' : String(value),
        expected: 'true',
      });
    }
  },
});

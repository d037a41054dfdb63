import { defineCheck } from '../src/core/check.js';
import { capabilityList, normalizeCapability, showCapabilities } from './_shared/container-security.js';
import { containersOf, podSpecSubjects, POD_SPEC_KEYS, type PodSpecSubject, containerWord, isWindowsSpec } from './_shared/workloads.js';

export default defineCheck({
  meta: {
    id: 'container-added-capabilities',
    title: 'Containers drop all capabilities and add back only allowed ones',
    description:
      'Every Linux capability a container holds widens what a compromised process can do to the kernel and its node; the runtime default set alone includes CHOWN, DAC_OVERRIDE, SETUID, NET_RAW and more. ' +
      'Rule, per container, init container and ephemeral container: one finding for each capabilities.add entry that is not in the `allowed` option (default NET_BIND_SERVICE; ALL is never allowed unless listed), and one when capabilities.drop does not name ALL. Names are compared in any case; an added name with a CAP_ prefix counts as the capability. Pods with spec.os.name windows are exempt: Linux capabilities do not apply to them.',
    severity: 'medium',
    requires: POD_SPEC_KEYS,
    messages: {
      added: '{{containerType}} {{container}} of {{kind}} {{name}} adds capability {{capability}}, which is not allowed',
      notDroppedAll: '{{containerType}} {{container}} of {{kind}} {{name}} does not drop ALL capabilities',
    },
    remediation:
      'Set securityContext.capabilities.drop: ["ALL"] on every container and add back only what the process needs (for most services, nothing; NET_BIND_SERVICE to bind ports below 1024). If a capability is genuinely needed, list it in the `allowed` option or waive the finding with a reason.',
    references: ['CIS Kubernetes Benchmark 5.2.9', 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted'],
    options: {
      defaults: { allowed: ['NET_BIND_SERVICE'] },
      schema: { type: 'object', properties: { allowed: { type: 'array', items: { type: 'string' } } }, additionalProperties: false },
    },
    example: `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: data}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
      - name: db
        image: postgres:17
        securityContext:
          capabilities: {add: [SYS_ADMIN]}   # and nothing dropped`,
  },
  select: (inv) => podSpecSubjects(inv).filter((s) => !isWindowsSpec(s.spec)),
  evaluate(subject: PodSpecSubject, ctx) {
    const allowed = new Set(ctx.options.allowed.map(normalizeCapability));
    for (const ref of containersOf(subject)) {
      const data = {
        containerType: containerWord(ref.type),
        container: ref.container.name,
        kind: subject.object.kind,
        name: subject.object.metadata.name,
      };
      const caps = `${ref.path}/securityContext/capabilities`;
      for (const cap of capabilityList(ref.container, 'add')) {
        if (allowed.has(cap.name)) continue;
        ctx.report({
          messageId: 'added',
          path: `${caps}/add/${cap.index}`,
          observed: `add: ${cap.raw}`,
          expected: allowed.size ? `only ${[...allowed].join(', ')} added` : 'no capability added',
          data: { ...data, capability: cap.raw },
        });
      }
      const drop = capabilityList(ref.container, 'drop');
      if (!drop.some((c) => c.name === 'ALL')) {
        ctx.report({
          messageId: 'notDroppedAll',
          path: `${caps}/drop`,
          observed: `drop: ${showCapabilities(drop)}`,
          expected: 'drop includes ALL',
          data,
        });
      }
    }
  },
});

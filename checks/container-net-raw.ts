import { defineCheck } from '../src/core/check.js';
import { capabilityList, showCapabilities } from './_shared/container-security.js';
import { containersOf, podSpecSubjects, POD_SPEC_KEYS, type PodSpecSubject, containerWord, isWindowsSpec } from './_shared/workloads.js';

const REMOVES_NET_RAW = new Set(['NET_RAW', 'ALL']);

export default defineCheck({
  meta: {
    id: 'container-net-raw',
    title: 'Containers do not hold the NET_RAW capability',
    description:
      'NET_RAW lets a process open raw and packet sockets: it can forge packets (ARP and DNS spoofing against other pods on the node) and sniff traffic. Container runtimes (containerd, CRI-O, Docker) grant it by default, so a container has it unless it drops it. ' +
      'Rule, per container, init container and ephemeral container: a finding when securityContext.privileged is true (a privileged container holds every capability whatever it drops); else when capabilities.add names NET_RAW or ALL; else when capabilities.drop names neither NET_RAW nor ALL. Names are compared in any case; an added name with a CAP_ prefix counts, a dropped one does not (containerd prefixes CAP_ itself, so `drop: [CAP_NET_RAW]` drops nothing there). Pods with spec.os.name windows are exempt: Linux capabilities do not apply to them.',
    severity: 'medium',
    requires: POD_SPEC_KEYS,
    messages: {
      notDropped: '{{containerType}} {{container}} of {{kind}} {{name}} does not drop NET_RAW',
      added: '{{containerType}} {{container}} of {{kind}} {{name}} adds capability {{capability}}',
      privileged: '{{containerType}} {{container}} of {{kind}} {{name}} is privileged and so holds NET_RAW',
    },
    remediation:
      'Set securityContext.capabilities.drop: ["ALL"] on every container (or at least "NET_RAW"), add back only the capabilities the process needs, and do not run it privileged. If the workload only needs ping, set the safe sysctl net.ipv4.ping_group_range in the pod securityContext instead: ping then uses unprivileged ICMP sockets.',
    references: [
      'CIS Kubernetes Benchmark 5.2.8',
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container',
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
        image: nginx:1.27
        securityContext:
          capabilities: {drop: [CHOWN]}   # NET_RAW stays`,
  },
  select: (inv) => podSpecSubjects(inv).filter((s) => !isWindowsSpec(s.spec)),
  evaluate(subject: PodSpecSubject, ctx) {
    for (const ref of containersOf(subject)) {
      const { container } = ref;
      const data = {
        containerType: containerWord(ref.type),
        container: container.name,
        kind: subject.object.kind,
        name: subject.object.metadata.name,
      };
      const caps = `${ref.path}/securityContext/capabilities`;
      if (container.securityContext?.privileged === true) {
        ctx.report({
          messageId: 'privileged',
          path: `${ref.path}/securityContext/privileged`,
          observed: 'privileged: true',
          expected: 'privileged false or unset, and NET_RAW dropped',
          data,
        });
        continue;
      }
      const added = capabilityList(container, 'add').find((c) => REMOVES_NET_RAW.has(c.name));
      if (added) {
        ctx.report({
          messageId: 'added',
          path: `${caps}/add/${added.index}`,
          observed: `add: ${added.raw}`,
          expected: 'NET_RAW (or ALL) not added',
          data: { ...data, capability: added.raw },
        });
        continue;
      }
      const drop = capabilityList(container, 'drop');
      if (!drop.some((c) => REMOVES_NET_RAW.has(c.name))) {
        ctx.report({
          messageId: 'notDropped',
          path: `${caps}/drop`,
          observed: `drop: ${showCapabilities(drop)}`,
          expected: 'drop includes NET_RAW or ALL',
          data,
        });
      }
    }
  },
});

import { boolOf, inWords, KUBELET_REMEDIATION_TAIL, kubeletCheck, kubeletExample, observedOf, setting } from './_shared/kubelet-config.js';

const FIELD = '/seccompDefault';

export default kubeletCheck({
  meta: {
    id: 'kubelet-seccomp-default',
    title: 'Kubelets apply the RuntimeDefault seccomp profile by default',
    description:
      "Containers that do not ask for a seccomp profile run Unconfined unless the kubelet's seccompDefault is true, in which case they get the container runtime's default profile, which blocks dozens of rarely needed, often exploited system calls. Fails when seccompDefault is false or unset (the default is false).",
    severity: 'medium',
    messages: {
      disabled: 'kubelet on node {{node}} runs containers without a seccomp profile unless they ask for one (seccompDefault is {{value}})',
    },
    remediation: `Set seccompDefault: true in the kubelet's KubeletConfiguration (or --seccomp-default), after testing workloads under the RuntimeDefault profile.${KUBELET_REMEDIATION_TAIL}`,
    references: [
      'CIS Kubernetes Benchmark 4.2.14',
      'https://kubernetes.io/docs/tutorials/security/seccomp/#enable-the-use-of-runtimedefault-as-the-default-seccomp-profile-for-all-workloads',
    ],
    example: kubeletExample(['seccompDefault: false']),
  },
  evaluate(kubelet, ctx) {
    const s = setting(kubelet.config, FIELD);
    if (boolOf(s) === true) return;
    ctx.report({
      messageId: 'disabled',
      path: FIELD,
      observed: observedOf(s),
      expected: 'true',
      data: { node: kubelet.node, value: inWords(s) },
    });
  },
});

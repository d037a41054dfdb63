import {
  inWords,
  KUBELET_REMEDIATION_TAIL,
  kubeletCheck,
  kubeletExample,
  numberOf,
  observedOf,
  setting,
} from './_shared/kubelet-config.js';

const FIELD = '/podPidsLimit';

export default kubeletCheck({
  meta: {
    id: 'kubelet-pod-pids-limit',
    title: 'Kubelets limit the number of processes per pod',
    description:
      'Without podPidsLimit a pod can fork until the node runs out of process IDs (a fork bomb), starving the kubelet, the container runtime and every other pod on the node. Fails when podPidsLimit is unset, -1 (the default: no per-pod limit) or 0; the right value needs human judgement.',
    severity: 'medium',
    messages: { unlimited: 'kubelet on node {{node}} sets no per-pod process limit (podPidsLimit is {{value}})' },
    remediation: `Set podPidsLimit to a value above what your largest workload needs (e.g. 4096) in the kubelet's KubeletConfiguration (or --pod-max-pids).${KUBELET_REMEDIATION_TAIL}`,
    references: ['CIS Kubernetes Benchmark 4.2.13', 'https://kubernetes.io/docs/concepts/policy/pid-limiting/'],
    example: kubeletExample(['podPidsLimit: -1']),
  },
  evaluate(kubelet, ctx) {
    const s = setting(kubelet.config, FIELD);
    if (numberOf(s) > 0) return;
    ctx.report({
      messageId: 'unlimited',
      path: FIELD,
      observed: observedOf(s),
      expected: 'a positive number',
      data: { node: kubelet.node, value: inWords(s) },
    });
  },
});

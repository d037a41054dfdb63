import {
  inWords,
  KUBELET_REFERENCE,
  KUBELET_REMEDIATION_TAIL,
  kubeletCheck,
  kubeletExample,
  numberOf,
  observedOf,
  setting,
} from './_shared/kubelet-config.js';

const FIELD = '/eventRecordQPS';

export default kubeletCheck({
  meta: {
    id: 'kubelet-event-qps',
    title: 'Kubelet event creation is rate-limited',
    description:
      'eventRecordQPS caps how many Events per second a kubelet creates. 0 removes the limit, so a misbehaving node or pod can flood the API server and etcd with Events; too low a limit drops security-relevant Events. Fails when eventRecordQPS is 0 or negative (the default is 50); whether a positive value is appropriate is a human judgement.',
    severity: 'low',
    messages: { unlimited: 'kubelet on node {{node}} creates Events without a rate limit (eventRecordQPS is {{value}})' },
    remediation: `Set eventRecordQPS to a positive value suited to the cluster (the default 50 is a good start) in the kubelet's KubeletConfiguration (or --event-qps).${KUBELET_REMEDIATION_TAIL}`,
    references: ['CIS Kubernetes Benchmark 4.2.8', `${KUBELET_REFERENCE}#kubelet-config-k8s-io-v1beta1-KubeletConfiguration`],
    example: kubeletExample(['eventRecordQPS: 0']),
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

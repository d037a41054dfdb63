import {
  durationSeconds,
  fromConfigFile,
  inWords,
  KUBELET_REFERENCE,
  KUBELET_REMEDIATION_TAIL,
  kubeletCheck,
  kubeletExample,
  observedOf,
  setting,
} from './_shared/kubelet-config.js';

const FIELD = '/streamingConnectionIdleTimeout';

export default kubeletCheck({
  meta: {
    id: 'kubelet-streaming-idle-timeout',
    title: 'Kubelet streaming connections time out when idle',
    description:
      'exec, attach and port-forward sessions are streamed through the kubelet. With streamingConnectionIdleTimeout 0 an idle session is never closed: forgotten sessions stay open and connections pile up until the node runs out of resources. Fails when the effective timeout is 0 (as /configz reports it). In a KubeletConfiguration file a zero duration means "use the default" (4h), so there only an unparseable value fails.',
    severity: 'medium',
    messages: {
      noTimeout: 'kubelet on node {{node}} never closes idle streaming connections (streamingConnectionIdleTimeout is {{value}})',
    },
    remediation: `Set streamingConnectionIdleTimeout to a non-zero duration such as 5m in the kubelet's KubeletConfiguration (or --streaming-connection-idle-timeout=5m).${KUBELET_REMEDIATION_TAIL}`,
    references: ['CIS Kubernetes Benchmark 4.2.5', `${KUBELET_REFERENCE}#kubelet-config-k8s-io-v1beta1-KubeletConfiguration`],
    example: `# The effective configuration as /configz reports it for a kubelet started with\n# --streaming-connection-idle-timeout=0 (in a config file, 0s would mean the 4h default).\n${kubeletExample(['streamingConnectionIdleTimeout: 0s'])}`,
  },
  evaluate(kubelet, ctx) {
    const s = setting(kubelet.config, FIELD);
    const seconds = durationSeconds(s.value);
    // The kubelet defaults a zero duration read from its config file to 4h; /configz shows the effective value.
    if (seconds > 0 || (seconds === 0 && fromConfigFile(ctx.inventory))) return;
    ctx.report({
      messageId: 'noTimeout',
      path: FIELD,
      observed: observedOf(s),
      expected: 'a non-zero duration (e.g. 5m)',
      data: { node: kubelet.node, value: inWords(s) },
    });
  },
});

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

const FIELD = '/readOnlyPort';

export default kubeletCheck({
  meta: {
    id: 'kubelet-read-only-port',
    title: 'Kubelets do not serve the unauthenticated read-only port',
    description:
      'The read-only port (10255) serves pod specs, node details and metrics with no authentication or authorization at all, to anyone who can reach the node. Fails when readOnlyPort is not 0 (the configuration-file default is 0; the --read-only-port flag defaults to 10255).',
    severity: 'high',
    messages: { open: 'kubelet on node {{node}} serves the unauthenticated read-only port {{value}}' },
    remediation: `Set readOnlyPort: 0 in the kubelet's KubeletConfiguration (or --read-only-port=0), after moving any metrics scraper to the authenticated port 10250.${KUBELET_REMEDIATION_TAIL}`,
    references: ['CIS Kubernetes Benchmark 4.2.4', `${KUBELET_REFERENCE}#kubelet-config-k8s-io-v1beta1-KubeletConfiguration`],
    example: kubeletExample(['readOnlyPort: 10255']),
  },
  evaluate(kubelet, ctx) {
    const s = setting(kubelet.config, FIELD);
    if (numberOf(s) === 0) return;
    ctx.report({ messageId: 'open', path: FIELD, observed: observedOf(s), expected: '0', data: { node: kubelet.node, value: inWords(s) } });
  },
});

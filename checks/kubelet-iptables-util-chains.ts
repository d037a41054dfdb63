import {
  boolOf,
  inWords,
  KUBELET_REFERENCE,
  KUBELET_REMEDIATION_TAIL,
  kubeletCheck,
  kubeletExample,
  observedOf,
  setting,
} from './_shared/kubelet-config.js';

const FIELD = '/makeIPTablesUtilChains';

export default kubeletCheck({
  meta: {
    id: 'kubelet-iptables-util-chains',
    title: 'Kubelets manage their iptables utility chains',
    description:
      "With makeIPTablesUtilChains true (the default) the kubelet keeps its iptables utility chains (KUBE-FIREWALL and friends) in place and consistent with the pods' networking needs; turned off, firewall rules can drift from what the node should enforce. Fails when makeIPTablesUtilChains is false.",
    severity: 'low',
    messages: { disabled: 'kubelet on node {{node}} does not manage its iptables utility chains (makeIPTablesUtilChains is {{value}})' },
    remediation: `Remove makeIPTablesUtilChains: false (or set it to true) in the kubelet's KubeletConfiguration, and drop --make-iptables-util-chains=false.${KUBELET_REMEDIATION_TAIL}`,
    references: ['CIS Kubernetes Benchmark 4.2.6', `${KUBELET_REFERENCE}#kubelet-config-k8s-io-v1beta1-KubeletConfiguration`],
    example: kubeletExample(['makeIPTablesUtilChains: false']),
  },
  evaluate(kubelet, ctx) {
    const s = setting(kubelet.config, FIELD);
    if (boolOf(s) !== false) return;
    ctx.report({
      messageId: 'disabled',
      path: FIELD,
      observed: observedOf(s),
      expected: 'true (or unset)',
      data: { node: kubelet.node, value: inWords(s) },
    });
  },
});

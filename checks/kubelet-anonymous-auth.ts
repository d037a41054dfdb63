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

const FIELD = '/authentication/anonymous/enabled';

export default kubeletCheck({
  meta: {
    id: 'kubelet-anonymous-auth',
    title: 'Kubelets reject anonymous requests',
    description:
      'With anonymous authentication on, requests to the kubelet API (port 10250) that carry no credentials are served as system:anonymous; with a permissive authorization mode that means reading pods, logs and running commands in containers without any credential. Fails when authentication.anonymous.enabled is true (the configuration-file default is false; the --anonymous-auth flag defaults to true).',
    severity: 'high',
    messages: { anonymous: 'kubelet on node {{node}} accepts anonymous requests (authentication.anonymous.enabled is {{value}})' },
    remediation: `Set authentication.anonymous.enabled: false in the kubelet's KubeletConfiguration (or --anonymous-auth=false).${KUBELET_REMEDIATION_TAIL}`,
    references: ['CIS Kubernetes Benchmark 4.2.1', `${KUBELET_REFERENCE}#kubelet-config-k8s-io-v1beta1-KubeletAnonymousAuthentication`],
    example: kubeletExample(['authentication:', '  anonymous: {enabled: true}']),
  },
  evaluate(kubelet, ctx) {
    const s = setting(kubelet.config, FIELD);
    if (boolOf(s) !== true) return;
    ctx.report({
      messageId: 'anonymous',
      path: FIELD,
      observed: observedOf(s),
      expected: 'false',
      data: { node: kubelet.node, value: inWords(s) },
    });
  },
});

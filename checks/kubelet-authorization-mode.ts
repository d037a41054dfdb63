import { inWords, KUBELET_REMEDIATION_TAIL, kubeletCheck, kubeletExample, observedOf, setting } from './_shared/kubelet-config.js';

const FIELD = '/authorization/mode';

export default kubeletCheck({
  meta: {
    id: 'kubelet-authorization-mode',
    title: 'Kubelets authorize requests through the API server',
    description:
      'With authorization.mode AlwaysAllow, every request that reaches the kubelet API and passes authentication may list pods, read logs and exec into containers on that node. Webhook mode asks the API server (SubjectAccessReview) instead. Fails when authorization.mode is AlwaysAllow (the configuration-file default is Webhook; the --authorization-mode flag defaults to AlwaysAllow).',
    severity: 'high',
    messages: { alwaysAllow: 'kubelet on node {{node}} authorizes every request (authorization.mode is {{value}})' },
    remediation: `Set authorization.mode: Webhook (and authentication.webhook.enabled: true) in the kubelet's KubeletConfiguration (or --authorization-mode=Webhook).${KUBELET_REMEDIATION_TAIL}`,
    references: [
      'CIS Kubernetes Benchmark 4.2.2',
      'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/#kubelet-authorization',
    ],
    example: kubeletExample(['authorization:', '  mode: AlwaysAllow']),
  },
  evaluate(kubelet, ctx) {
    const s = setting(kubelet.config, FIELD);
    if (s.value !== 'AlwaysAllow') return;
    ctx.report({
      messageId: 'alwaysAllow',
      path: FIELD,
      observed: observedOf(s),
      expected: 'Webhook',
      data: { node: kubelet.node, value: inWords(s) },
    });
  },
});

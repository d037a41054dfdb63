import { KUBELET_REMEDIATION_TAIL, kubeletCheck, kubeletExample, setting } from './_shared/kubelet-config.js';

const FIELD = '/authentication/x509/clientCAFile';

export default kubeletCheck({
  meta: {
    id: 'kubelet-client-ca',
    title: 'Kubelets verify client certificates against the cluster CA',
    description:
      'Without authentication.x509.clientCAFile the kubelet cannot authenticate the API server (or anyone else) by client certificate, which pushes operators toward anonymous access to keep logs and exec working. Fails when clientCAFile is unset or empty.',
    severity: 'high',
    messages: { unset: 'kubelet on node {{node}} has no client CA (authentication.x509.clientCAFile is unset)' },
    remediation: `Set authentication.x509.clientCAFile: /etc/kubernetes/pki/ca.crt in the kubelet's KubeletConfiguration (or --client-ca-file).${KUBELET_REMEDIATION_TAIL}`,
    references: [
      'CIS Kubernetes Benchmark 4.2.3',
      'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/#kubelet-authentication',
    ],
    example: kubeletExample(['authentication:', '  anonymous: {enabled: false}', '  webhook: {enabled: true}']),
  },
  evaluate(kubelet, ctx) {
    const s = setting(kubelet.config, FIELD);
    if (typeof s.value === 'string' && s.value.trim()) return;
    ctx.report({
      messageId: 'unset',
      path: FIELD,
      observed: s.set ? '""' : 'unset',
      expected: 'a CA bundle path',
      data: { node: kubelet.node },
    });
  },
});

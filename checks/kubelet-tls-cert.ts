import { boolOf, KUBELET_REMEDIATION_TAIL, kubeletCheck, kubeletExample, setting } from './_shared/kubelet-config.js';

export default kubeletCheck({
  meta: {
    id: 'kubelet-tls-cert',
    title: 'Kubelets serve a CA-issued TLS certificate',
    description:
      'Without tlsCertFile and tlsPrivateKeyFile, and without serverTLSBootstrap, the kubelet serves its API with a self-signed certificate that the API server and other clients cannot verify, so they must skip verification. Passes when serverTLSBootstrap is true (the kubelet requests a serving certificate from the cluster) or when both files are set; fails otherwise.',
    severity: 'medium',
    messages: { selfSigned: 'kubelet on node {{node}} serves a self-signed certificate ({{state}})' },
    remediation: `Set serverTLSBootstrap: true in the kubelet's KubeletConfiguration and approve the kubernetes.io/kubelet-serving CSRs (or run an approver), or set tlsCertFile and tlsPrivateKeyFile to a certificate issued by a CA the API server trusts (--kubelet-certificate-authority).${KUBELET_REMEDIATION_TAIL}`,
    references: [
      'CIS Kubernetes Benchmark 4.2.9',
      'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-tls-bootstrapping/#certificate-rotation',
    ],
    example: kubeletExample(['serverTLSBootstrap: false', 'rotateCertificates: true']),
  },
  evaluate(kubelet, ctx) {
    const cert = setting(kubelet.config, '/tlsCertFile');
    const key = setting(kubelet.config, '/tlsPrivateKeyFile');
    const bootstrap = setting(kubelet.config, '/serverTLSBootstrap');
    const filled = (v: unknown): boolean => typeof v === 'string' && v.trim() !== '';
    if (boolOf(bootstrap) === true || (filled(cert.value) && filled(key.value))) return;
    const state = [
      `tlsCertFile ${filled(cert.value) ? 'set' : 'unset'}`,
      `tlsPrivateKeyFile ${filled(key.value) ? 'set' : 'unset'}`,
      `serverTLSBootstrap ${bootstrap.set ? String(bootstrap.value) : 'unset, which defaults to false'}`,
    ].join(', ');
    ctx.report({
      messageId: 'selfSigned',
      path: '/tlsCertFile',
      observed: state,
      expected: 'serverTLSBootstrap true, or tlsCertFile and tlsPrivateKeyFile set',
      data: { node: kubelet.node, state },
    });
  },
});

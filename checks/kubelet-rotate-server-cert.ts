import { boolOf, inWords, KUBELET_REMEDIATION_TAIL, kubeletCheck, kubeletExample, observedOf, setting } from './_shared/kubelet-config.js';

const GATE = '/featureGates/RotateKubeletServerCertificate';
const BOOTSTRAP = '/serverTLSBootstrap';

export default kubeletCheck({
  meta: {
    id: 'kubelet-rotate-server-cert',
    title: 'Kubelets rotate their serving certificates',
    description:
      'A kubelet requests and renews its serving certificate through the certificates API only when serverTLSBootstrap is true and the RotateKubeletServerCertificate feature gate (on by default) is not turned off; otherwise it serves a static or self-signed certificate that is never rotated. Fails when featureGates.RotateKubeletServerCertificate is false, or when serverTLSBootstrap is not true (its default is false).',
    severity: 'medium',
    messages: {
      gateDisabled: 'kubelet on node {{node}} turns the RotateKubeletServerCertificate feature gate off',
      noBootstrap:
        'kubelet on node {{node}} does not request its serving certificate from the cluster, so it is never rotated (serverTLSBootstrap is {{value}})',
    },
    remediation: `Set serverTLSBootstrap: true in the kubelet's KubeletConfiguration and remove RotateKubeletServerCertificate: false from featureGates (and --feature-gates), then approve the kubernetes.io/kubelet-serving CSRs or run an approver.${KUBELET_REMEDIATION_TAIL}`,
    references: [
      'CIS Kubernetes Benchmark 4.2.11',
      'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-tls-bootstrapping/#certificate-rotation',
    ],
    example: kubeletExample(['serverTLSBootstrap: true', 'featureGates:', '  RotateKubeletServerCertificate: false']),
  },
  evaluate(kubelet, ctx) {
    const gate = setting(kubelet.config, GATE);
    if (boolOf(gate) === false) {
      ctx.report({
        messageId: 'gateDisabled',
        path: GATE,
        observed: observedOf(gate),
        expected: 'true (or unset)',
        data: { node: kubelet.node },
      });
    }
    const bootstrap = setting(kubelet.config, BOOTSTRAP);
    if (boolOf(bootstrap) !== true) {
      ctx.report({
        messageId: 'noBootstrap',
        path: BOOTSTRAP,
        observed: observedOf(bootstrap),
        expected: 'true',
        data: { node: kubelet.node, value: inWords(bootstrap) },
      });
    }
  },
});

import { boolOf, inWords, KUBELET_REMEDIATION_TAIL, kubeletCheck, kubeletExample, observedOf, setting } from './_shared/kubelet-config.js';

const FIELD = '/rotateCertificates';

export default kubeletCheck({
  meta: {
    id: 'kubelet-rotate-certificates',
    title: 'Kubelets rotate their client certificates',
    description:
      'With rotateCertificates the kubelet requests a new client certificate from the API server as the current one nears expiry. Without it the certificate expires (the node goes NotReady) or is issued long-lived, and a stolen one stays valid for its whole lifetime. Fails when rotateCertificates is false or absent (the KubeletConfiguration default is false; kubeadm sets true).',
    severity: 'medium',
    messages: { disabled: 'kubelet on node {{node}} does not rotate its client certificate (rotateCertificates is {{value}})' },
    remediation: `Set rotateCertificates: true in the kubelet's KubeletConfiguration (or --rotate-certificates), and drop --rotate-certificates=false.${KUBELET_REMEDIATION_TAIL}`,
    references: ['CIS Kubernetes Benchmark 4.2.10', 'https://kubernetes.io/docs/tasks/tls/certificate-rotation/'],
    example: kubeletExample(['rotateCertificates: false']),
  },
  evaluate(kubelet, ctx) {
    const s = setting(kubelet.config, FIELD);
    if (boolOf(s) === true) return;
    ctx.report({
      messageId: 'disabled',
      path: FIELD,
      observed: observedOf(s),
      expected: 'true',
      data: { node: kubelet.node, value: inWords(s) },
    });
  },
});

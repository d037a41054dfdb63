import { STRONG_CIPHER_SUITES, weakCipherSuites } from './_shared/component-flag-rules.js';
import { KUBELET_REFERENCE, KUBELET_REMEDIATION_TAIL, kubeletCheck, kubeletExample, setting, valueText } from './_shared/kubelet-config.js';

const FIELD = '/tlsCipherSuites';

export default kubeletCheck({
  meta: {
    id: 'kubelet-tls-ciphers',
    title: 'Kubelets offer only strong TLS cipher suites',
    description:
      'Cipher suites with RSA key exchange (no forward secrecy), CBC mode or 3DES weaken every connection to the kubelet API. Fails when tlsCipherSuites is unset (the Go runtime defaults apply, which vary by release) or lists a suite outside the strong set CIS accepts (ECDHE with AES-GCM or ChaCha20-Poly1305, and the TLS 1.3 suites).',
    severity: 'low',
    messages: {
      unset: "kubelet on node {{node}} does not set tlsCipherSuites, so the Go runtime's default cipher suites apply",
      weak: 'kubelet on node {{node}} allows cipher suites outside the strong set: {{weak}}',
    },
    remediation: `Set tlsCipherSuites to ${STRONG_CIPHER_SUITES.filter((s) => s.startsWith('TLS_ECDHE_')).join(', ')} (or a subset) in the kubelet's KubeletConfiguration (or --tls-cipher-suites), with tlsMinVersion: VersionTLS12 or higher.${KUBELET_REMEDIATION_TAIL}`,
    references: ['CIS Kubernetes Benchmark 4.2.12', `${KUBELET_REFERENCE}#kubelet-config-k8s-io-v1beta1-KubeletConfiguration`],
    example: kubeletExample(['tlsCipherSuites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_RSA_WITH_AES_128_CBC_SHA]']),
  },
  evaluate(kubelet, ctx) {
    const s = setting(kubelet.config, FIELD);
    const suites = Array.isArray(s.value) ? s.value.map(String) : [];
    const expected = 'only strong suites (ECDHE with AES-GCM or ChaCha20-Poly1305, or TLS 1.3)';
    if (!suites.length) {
      ctx.report({
        messageId: 'unset',
        path: FIELD,
        observed: s.set ? valueText(s.value) || '[]' : 'unset',
        expected,
        data: { node: kubelet.node },
      });
      return;
    }
    const weak = weakCipherSuites(suites);
    if (weak.length)
      ctx.report({
        messageId: 'weak',
        path: FIELD,
        observed: valueText(s.value),
        expected,
        data: { node: kubelet.node, weak: weak.join(', ') },
      });
  },
});

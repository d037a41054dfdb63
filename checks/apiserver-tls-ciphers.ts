import { STRONG_CIPHER_SUITES, strongCiphers } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-apiserver',
  rule: strongCiphers('tls-cipher-suites'),
  meta: {
    id: 'apiserver-tls-ciphers',
    title: 'The API server offers only strong TLS cipher suites',
    description:
      'Cipher suites with RSA key exchange (no forward secrecy), CBC mode or 3DES weaken every connection to the API server. Fails when --tls-cipher-suites is unset (the Go runtime defaults apply, which vary by release) or lists a suite outside the strong set CIS accepts (ECDHE with AES-GCM or ChaCha20-Poly1305, and the TLS 1.3 suites).',
    severity: 'low',
    remediation: `Set --tls-cipher-suites=${STRONG_CIPHER_SUITES.filter((s) => s.startsWith('TLS_ECDHE_')).join(',')} (or a subset) in the kube-apiserver static pod manifest (${manifestPath('kube-apiserver')} on kubeadm control-plane nodes); add --tls-min-version=VersionTLS12 or higher.`,
    references: ['CIS Kubernetes Benchmark 1.2.29', 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/'],
    example: staticPodExample('kube-apiserver', ['--tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_RSA_WITH_AES_128_CBC_SHA']),
  },
});

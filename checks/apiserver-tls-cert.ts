import { flagsSet } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-apiserver',
  rule: flagsSet('tls-cert-file', 'tls-private-key-file'),
  meta: {
    id: 'apiserver-tls-cert',
    title: 'The API server serves a configured TLS certificate',
    description:
      'Without --tls-cert-file and --tls-private-key-file the API server generates a self-signed certificate that clients cannot verify, inviting them to skip verification. Fails when either flag is unset.',
    severity: 'high',
    remediation: `Issue the API server a serving certificate from the cluster CA covering its addresses and names (kubeadm: /etc/kubernetes/pki/apiserver.crt and .key) and set --tls-cert-file and --tls-private-key-file in the kube-apiserver static pod manifest (${manifestPath('kube-apiserver')} on kubeadm control-plane nodes).`,
    references: ['CIS Kubernetes Benchmark 1.2.24', 'https://kubernetes.io/docs/setup/best-practices/certificates/'],
    example: staticPodExample('kube-apiserver', ['--tls-cert-file=/etc/kubernetes/pki/apiserver.crt']),
  },
});

import { flagsSet } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-apiserver',
  rule: flagsSet('client-ca-file'),
  meta: {
    id: 'apiserver-client-ca',
    title: 'The API server verifies client certificates against a CA',
    description:
      'Without --client-ca-file the API server cannot authenticate clients by certificate, so kubelets, controllers and administrators fall back to weaker credentials (static tokens, anonymous access). Fails when --client-ca-file is unset.',
    severity: 'high',
    remediation: `Set --client-ca-file=/etc/kubernetes/pki/ca.crt (the CA that signs client certificates) in the kube-apiserver static pod manifest (${manifestPath('kube-apiserver')} on kubeadm control-plane nodes).`,
    references: [
      'CIS Kubernetes Benchmark 1.2.25',
      'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#x509-client-certificates',
    ],
    example: staticPodExample('kube-apiserver', [
      '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt',
      '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
    ]),
  },
});

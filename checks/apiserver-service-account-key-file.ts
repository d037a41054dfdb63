import { flagsSet } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-apiserver',
  rule: flagsSet('service-account-key-file'),
  meta: {
    id: 'apiserver-service-account-key-file',
    title: 'The API server verifies service-account tokens with a dedicated key',
    description:
      'Without --service-account-key-file the API server verifies service-account tokens with its own TLS key, so the serving key and the token-signing key cannot be rotated independently, and old keys cannot be kept for verification during a rotation. Fails when --service-account-key-file is unset.',
    severity: 'high',
    remediation: `Create a dedicated service-account key pair (kubeadm: /etc/kubernetes/pki/sa.key and sa.pub), set --service-account-key-file=/etc/kubernetes/pki/sa.pub and --service-account-signing-key-file=/etc/kubernetes/pki/sa.key in the kube-apiserver static pod manifest (${manifestPath('kube-apiserver')} on kubeadm control-plane nodes), and --service-account-private-key-file in the controller manager.`,
    references: ['CIS Kubernetes Benchmark 1.2.22', 'https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/'],
    example: staticPodExample('kube-apiserver', ['--service-account-issuer=https://kubernetes.default.svc.cluster.local']),
  },
});

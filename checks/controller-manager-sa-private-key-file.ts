import { flagsSet } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-controller-manager',
  rule: flagsSet('service-account-private-key-file'),
  meta: {
    id: 'controller-manager-sa-private-key-file',
    title: 'The controller manager signs service-account tokens with a dedicated key',
    description:
      'The controller manager signs legacy service-account token Secrets with --service-account-private-key-file. Without it, no such tokens are signed, or they are signed with a key shared with other purposes, so keys cannot be rotated cleanly. Fails when the flag is unset.',
    severity: 'high',
    remediation: `Set --service-account-private-key-file=/etc/kubernetes/pki/sa.key (the private half of the API server's --service-account-key-file) in the kube-controller-manager static pod manifest (${manifestPath('kube-controller-manager')} on kubeadm control-plane nodes).`,
    references: ['CIS Kubernetes Benchmark 1.3.4', 'https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/'],
    example: staticPodExample('kube-controller-manager', ['--root-ca-file=/etc/kubernetes/pki/ca.crt']),
  },
});

import { flagUnset } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-apiserver',
  rule: flagUnset('token-auth-file'),
  meta: {
    id: 'apiserver-token-auth-file',
    title: 'The API server does not authenticate static tokens',
    description:
      'A --token-auth-file holds long-lived bearer tokens in clear text on the control-plane host. They never expire, cannot be revoked without restarting the API server, and are often copied into scripts. Fails when --token-auth-file is set.',
    severity: 'high',
    remediation: `Move the token users to client certificates, OIDC or service-account tokens, then remove --token-auth-file from the kube-apiserver static pod manifest (${manifestPath('kube-apiserver')} on kubeadm control-plane nodes) and delete the file.`,
    references: [
      'CIS Kubernetes Benchmark 1.2.2',
      'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#static-token-file',
    ],
    example: staticPodExample('kube-apiserver', ['--token-auth-file=/etc/kubernetes/tokens.csv', '--authorization-mode=Node,RBAC']),
  },
});

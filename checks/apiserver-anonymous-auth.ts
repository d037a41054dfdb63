import { flagBool } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-apiserver',
  rule: flagBool('anonymous-auth', false, true),
  // Since 1.32 anonymous access may be configured in the --authentication-config file instead.
  configFile: { flag: 'authentication-config', unless: ['anonymous-auth'], what: 'anonymous authentication' },
  meta: {
    id: 'apiserver-anonymous-auth',
    title: 'The API server rejects anonymous requests',
    description:
      'With --anonymous-auth at its default (true), every request that no authenticator claims is served as system:anonymous, and only authorization stands between the internet-facing API port and the cluster: one permissive binding to system:unauthenticated exposes it. Fails when --anonymous-auth is unset or true. When anonymous access is configured in an --authentication-config file (and the flag is not set) the check is not assessed, as kaudit cannot read the file.',
    severity: 'high',
    remediation: `Set --anonymous-auth=false in the kube-apiserver static pod manifest (${manifestPath('kube-apiserver')} on kubeadm control-plane nodes); the kubelet restarts the API server. Liveness probes that call /livez anonymously must then authenticate, or use an --authentication-config anonymous section limited to /livez, /readyz and /healthz.`,
    references: [
      'CIS Kubernetes Benchmark 1.2.1',
      'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests',
    ],
    example: staticPodExample('kube-apiserver', ['--anonymous-auth=true', '--authorization-mode=Node,RBAC']),
  },
});

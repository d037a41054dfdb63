import { listExcludes } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-apiserver',
  // --authorization-mode defaults to AlwaysAllow when neither it nor --authorization-config is set.
  rule: listExcludes('authorization-mode', 'AlwaysAllow', 'AlwaysAllow'),
  configFile: { flag: 'authorization-config', unless: ['authorization-mode'], what: 'authorization' },
  meta: {
    id: 'apiserver-authorization-not-always-allow',
    title: 'The API server does not authorize every request (AlwaysAllow)',
    description:
      'The AlwaysAllow authorizer grants every authenticated (and, with anonymous auth, unauthenticated) request, making RBAC meaningless. It is also the default when --authorization-mode is unset. Fails when --authorization-mode includes AlwaysAllow or is unset. When authorization is configured by an --authorization-config file the check is not assessed, as kaudit cannot read the file.',
    severity: 'high',
    remediation: `Set --authorization-mode=Node,RBAC (without AlwaysAllow) in the kube-apiserver static pod manifest (${manifestPath('kube-apiserver')} on kubeadm control-plane nodes).`,
    references: [
      'CIS Kubernetes Benchmark 1.2.6',
      'https://kubernetes.io/docs/reference/access-authn-authz/authorization/#authorization-modules',
    ],
    example: staticPodExample('kube-apiserver', ['--authorization-mode=AlwaysAllow']),
  },
});

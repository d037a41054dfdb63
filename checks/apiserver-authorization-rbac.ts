import { listIncludes } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-apiserver',
  rule: listIncludes('authorization-mode', 'RBAC', 'AlwaysAllow'),
  configFile: { flag: 'authorization-config', unless: ['authorization-mode'], what: 'authorization' },
  meta: {
    id: 'apiserver-authorization-rbac',
    title: 'The API server uses the RBAC authorizer',
    description:
      'RBAC is how least privilege is expressed for users and service accounts; without the RBAC authorizer, Roles and bindings have no effect and access is decided by whatever else is configured (ABAC files, webhooks, or AlwaysAllow). Fails when --authorization-mode does not include RBAC (unset means AlwaysAllow). When authorization is configured by an --authorization-config file the check is not assessed.',
    severity: 'high',
    remediation: `Set --authorization-mode=Node,RBAC in the kube-apiserver static pod manifest (${manifestPath('kube-apiserver')} on kubeadm control-plane nodes).`,
    references: ['CIS Kubernetes Benchmark 1.2.8', 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/'],
    example: staticPodExample('kube-apiserver', [
      '--authorization-mode=Node,ABAC',
      '--authorization-policy-file=/etc/kubernetes/abac.jsonl',
    ]),
  },
});

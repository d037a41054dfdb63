import { listIncludes } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-apiserver',
  rule: listIncludes('authorization-mode', 'Node', 'AlwaysAllow'),
  configFile: { flag: 'authorization-config', unless: ['authorization-mode'], what: 'authorization' },
  meta: {
    id: 'apiserver-authorization-node',
    title: 'The API server uses the Node authorizer',
    description:
      'The Node authorizer limits each kubelet to the Secrets, ConfigMaps, volumes and pods bound to its own node. Without it, kubelet credentials are authorized by RBAC alone, where system:nodes typically reads every Secret: one stolen node credential reads the whole cluster. Fails when --authorization-mode does not include Node (unset means AlwaysAllow). When authorization is configured by an --authorization-config file the check is not assessed.',
    severity: 'high',
    remediation: `Set --authorization-mode=Node,RBAC in the kube-apiserver static pod manifest (${manifestPath('kube-apiserver')} on kubeadm control-plane nodes), together with the NodeRestriction admission plugin.`,
    references: ['CIS Kubernetes Benchmark 1.2.7', 'https://kubernetes.io/docs/reference/access-authn-authz/node/'],
    example: staticPodExample('kube-apiserver', ['--authorization-mode=RBAC']),
  },
});

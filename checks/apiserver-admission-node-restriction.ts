import { admissionPluginEnabled } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-apiserver',
  rule: admissionPluginEnabled('NodeRestriction'),
  meta: {
    id: 'apiserver-admission-node-restriction',
    title: 'The API server limits what kubelets may modify (NodeRestriction)',
    description:
      'NodeRestriction (off by default, enabled by kubeadm) limits each kubelet to modifying its own Node and the pods bound to it, and stops kubelets from setting node-restriction.kubernetes.io/ labels that steer sensitive workloads. Without it a compromised node can relabel or taint other nodes and pull workloads to itself. Fails when --enable-admission-plugins does not include NodeRestriction.',
    severity: 'medium',
    remediation: `Add NodeRestriction to --enable-admission-plugins in the kube-apiserver static pod manifest (${manifestPath('kube-apiserver')} on kubeadm control-plane nodes), and use the Node authorizer (--authorization-mode=Node,RBAC).`,
    references: [
      'CIS Kubernetes Benchmark 1.2.14',
      'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#noderestriction',
    ],
    example: staticPodExample('kube-apiserver', ['--authorization-mode=Node,RBAC', '--enable-admission-plugins=PodNodeSelector']),
  },
});

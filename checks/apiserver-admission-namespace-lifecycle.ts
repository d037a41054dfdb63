import { listExcludes } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-apiserver',
  rule: listExcludes('disable-admission-plugins', 'NamespaceLifecycle'),
  meta: {
    id: 'apiserver-admission-namespace-lifecycle',
    title: 'The NamespaceLifecycle admission plugin is not disabled',
    description:
      "NamespaceLifecycle (on by default) rejects objects in namespaces that do not exist or are being deleted, and protects default, kube-system and kube-public from deletion. Disabling it lets objects outlive their namespace's policies and lets the system namespaces be removed. Fails when --disable-admission-plugins includes NamespaceLifecycle.",
    severity: 'medium',
    remediation: `Remove NamespaceLifecycle from --disable-admission-plugins in the kube-apiserver static pod manifest (${manifestPath('kube-apiserver')} on kubeadm control-plane nodes).`,
    references: [
      'CIS Kubernetes Benchmark 1.2.13',
      'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#namespacelifecycle',
    ],
    example: staticPodExample('kube-apiserver', ['--disable-admission-plugins=NamespaceLifecycle']),
  },
});

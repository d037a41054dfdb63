import { flagBool } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-controller-manager',
  rule: flagBool('use-service-account-credentials', true, false),
  meta: {
    id: 'controller-manager-use-sa-credentials',
    title: 'Each controller uses its own service account',
    description:
      "With --use-service-account-credentials=false (the default), every controller acts with the controller manager's single, very broad identity; with true, each controller uses its own service account bound to a narrow system:controller:* role, so a flaw in one controller cannot use the others' rights. Fails when the flag is unset or false.",
    severity: 'high',
    remediation: `Set --use-service-account-credentials=true in the kube-controller-manager static pod manifest (${manifestPath('kube-controller-manager')} on kubeadm control-plane nodes).`,
    references: ['CIS Kubernetes Benchmark 1.3.3', 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#controller-roles'],
    example: staticPodExample('kube-controller-manager', ['--kubeconfig=/etc/kubernetes/controller-manager.conf']),
  },
});

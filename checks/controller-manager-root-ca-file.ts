import { flagsSet } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-controller-manager',
  rule: flagsSet('root-ca-file'),
  meta: {
    id: 'controller-manager-root-ca-file',
    title: 'Pods receive the cluster CA to verify the API server',
    description:
      "The controller manager publishes --root-ca-file to every namespace (kube-root-ca.crt) and into service-account token volumes, so pods can verify the API server's certificate. Without it pods cannot verify the API server and are open to man-in-the-middle attacks. Fails when --root-ca-file is unset.",
    severity: 'high',
    remediation: `Set --root-ca-file=/etc/kubernetes/pki/ca.crt in the kube-controller-manager static pod manifest (${manifestPath('kube-controller-manager')} on kubeadm control-plane nodes).`,
    references: [
      'CIS Kubernetes Benchmark 1.3.5',
      'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/',
    ],
    example: staticPodExample('kube-controller-manager', ['--service-account-private-key-file=/etc/kubernetes/pki/sa.key']),
  },
});

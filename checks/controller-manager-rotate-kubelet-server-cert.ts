import { featureGateNotDisabled } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-controller-manager',
  rule: featureGateNotDisabled('RotateKubeletServerCertificate'),
  meta: {
    id: 'controller-manager-rotate-kubelet-server-cert',
    title: 'Kubelet serving-certificate rotation is not disabled in the controller manager',
    description:
      'The RotateKubeletServerCertificate feature gate (on by default) lets kubelets request and renew serving certificates through the certificates API. Turning it off in the controller manager leaves kubelets with static or self-signed serving certificates. Fails when --feature-gates sets RotateKubeletServerCertificate=false.',
    severity: 'medium',
    remediation: `Remove RotateKubeletServerCertificate=false from --feature-gates (or set it to true) in the kube-controller-manager static pod manifest (${manifestPath('kube-controller-manager')} on kubeadm control-plane nodes).`,
    references: [
      'CIS Kubernetes Benchmark 1.3.6',
      'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-tls-bootstrapping/#certificate-rotation',
    ],
    example: staticPodExample('kube-controller-manager', ['--feature-gates=RotateKubeletServerCertificate=false']),
  },
});

import { flagsSet } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-apiserver',
  rule: flagsSet('kubelet-certificate-authority'),
  meta: {
    id: 'apiserver-kubelet-ca',
    title: 'The API server verifies kubelet serving certificates',
    description:
      'Without --kubelet-certificate-authority the API server does not verify the certificate a kubelet presents, so exec, logs and port-forward traffic (which carries credentials and data) can be intercepted by anyone able to impersonate a node on the network. Fails when --kubelet-certificate-authority is unset (the kubeadm default).',
    severity: 'high',
    remediation: `Give kubelets serving certificates signed by the cluster CA (serverTLSBootstrap: true in the KubeletConfiguration, then approve the kubelet-serving CSRs), and set --kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt in the kube-apiserver static pod manifest (${manifestPath('kube-apiserver')} on kubeadm control-plane nodes).`,
    references: [
      'CIS Kubernetes Benchmark 1.2.5',
      'https://kubernetes.io/docs/concepts/architecture/control-plane-node-communication/#api-server-to-kubelet',
    ],
    example: staticPodExample('kube-apiserver', [
      '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt',
      '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key',
    ]),
  },
});

import { flagsSet } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-apiserver',
  rule: flagsSet('kubelet-client-certificate', 'kubelet-client-key'),
  meta: {
    id: 'apiserver-kubelet-client-cert',
    title: 'The API server authenticates to kubelets with a client certificate',
    description:
      'Logs, exec, attach and port-forward go from the API server to the kubelet. Without --kubelet-client-certificate and --kubelet-client-key the API server cannot authenticate there, so kubelets must allow anonymous access for these features to work. Fails when either flag is unset.',
    severity: 'high',
    remediation: `Issue the API server a client certificate for kubelets (kubeadm: /etc/kubernetes/pki/apiserver-kubelet-client.crt and .key) and set --kubelet-client-certificate and --kubelet-client-key in the kube-apiserver static pod manifest (${manifestPath('kube-apiserver')} on kubeadm control-plane nodes).`,
    references: [
      'CIS Kubernetes Benchmark 1.2.4',
      'https://kubernetes.io/docs/concepts/architecture/control-plane-node-communication/#api-server-to-kubelet',
    ],
    example: staticPodExample('kube-apiserver', ['--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt']),
  },
});

import { flagsSet } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-apiserver',
  rule: flagsSet('etcd-certfile', 'etcd-keyfile'),
  meta: {
    id: 'apiserver-etcd-certs',
    title: 'The API server authenticates to etcd with a client certificate',
    description:
      'etcd holds every object, Secrets included. Without --etcd-certfile and --etcd-keyfile the API server presents no client certificate, which means etcd accepts unauthenticated clients. Fails when either flag is unset.',
    severity: 'high',
    remediation: `Issue the API server an etcd client certificate (kubeadm: /etc/kubernetes/pki/apiserver-etcd-client.crt and .key), enable --client-cert-auth on etcd, and set --etcd-certfile and --etcd-keyfile in the kube-apiserver static pod manifest (${manifestPath('kube-apiserver')} on kubeadm control-plane nodes).`,
    references: [
      'CIS Kubernetes Benchmark 1.2.23',
      'https://kubernetes.io/docs/tasks/administer-cluster/configure-upgrade-etcd/#securing-etcd-clusters',
    ],
    example: staticPodExample('kube-apiserver', ['--etcd-servers=http://127.0.0.1:2379']),
  },
});

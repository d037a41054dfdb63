import { flagsSet } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-apiserver',
  rule: flagsSet('etcd-cafile'),
  meta: {
    id: 'apiserver-etcd-ca',
    title: "The API server verifies etcd's certificate",
    description:
      'Without --etcd-cafile the API server does not verify the certificate etcd presents, so whoever can intercept the connection can impersonate etcd and read or forge all cluster state. Fails when --etcd-cafile is unset.',
    severity: 'high',
    remediation: `Set --etcd-cafile to the CA that signed etcd's serving certificate (kubeadm: /etc/kubernetes/pki/etcd/ca.crt) in the kube-apiserver static pod manifest (${manifestPath('kube-apiserver')} on kubeadm control-plane nodes).`,
    references: [
      'CIS Kubernetes Benchmark 1.2.26',
      'https://kubernetes.io/docs/tasks/administer-cluster/configure-upgrade-etcd/#securing-etcd-clusters',
    ],
    example: staticPodExample('kube-apiserver', [
      '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt',
      '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key',
    ]),
  },
});

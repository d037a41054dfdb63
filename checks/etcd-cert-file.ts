import { flagsSet } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'etcd',
  rule: flagsSet('cert-file', 'key-file'),
  // etcd ignores its command-line flags when it reads a --config-file.
  configFile: { flag: 'config-file', what: 'etcd' },
  meta: {
    id: 'etcd-cert-file',
    title: 'etcd serves clients over TLS',
    description:
      'etcd holds every object of the cluster, Secrets included. Without --cert-file and --key-file it serves clients over plain HTTP, so cluster state crosses the network readable and forgeable. Fails when either flag is unset. When etcd reads a --config-file its flags are ignored and the check is not assessed.',
    severity: 'high',
    remediation: `Issue etcd a serving certificate (kubeadm: /etc/kubernetes/pki/etcd/server.crt and .key), set --cert-file and --key-file and use https:// in --listen-client-urls and --advertise-client-urls in the etcd static pod manifest (${manifestPath('etcd')} on kubeadm control-plane nodes).`,
    references: ['CIS Kubernetes Benchmark 2.1', 'https://etcd.io/docs/latest/op-guide/security/'],
    example: staticPodExample('etcd', ['--listen-client-urls=http://0.0.0.0:2379', '--advertise-client-urls=http://10.0.0.10:2379']),
  },
});

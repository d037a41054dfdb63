import { flagsSet } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'etcd',
  rule: flagsSet('peer-cert-file', 'peer-key-file'),
  // etcd ignores its command-line flags when it reads a --config-file.
  configFile: { flag: 'config-file', what: 'etcd' },
  meta: {
    id: 'etcd-peer-cert-file',
    title: 'etcd members talk to each other over TLS',
    description:
      'Replication between etcd members carries all cluster state. Without --peer-cert-file and --peer-key-file it travels over plain HTTP. Fails when either flag is unset (even a single-member etcd should be ready for TLS peers). When etcd reads a --config-file the check is not assessed.',
    severity: 'high',
    remediation: `Issue each member a peer certificate (kubeadm: /etc/kubernetes/pki/etcd/peer.crt and .key), set --peer-cert-file and --peer-key-file and use https:// peer URLs in the etcd static pod manifest (${manifestPath('etcd')} on kubeadm control-plane nodes).`,
    references: ['CIS Kubernetes Benchmark 2.4', 'https://etcd.io/docs/latest/op-guide/security/'],
    example: staticPodExample('etcd', ['--listen-peer-urls=http://10.0.0.10:2380', '--initial-advertise-peer-urls=http://10.0.0.10:2380']),
  },
});

import { flagBool } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'etcd',
  rule: flagBool('peer-client-cert-auth', true, false),
  // etcd ignores its command-line flags when it reads a --config-file.
  configFile: { flag: 'config-file', what: 'etcd' },
  meta: {
    id: 'etcd-peer-client-cert-auth',
    title: 'etcd requires certificates from its peers',
    description:
      'Without --peer-client-cert-auth=true (the default is false), anything that reaches the peer port can join or talk to the etcd cluster as a member and receive all of its data. Fails when the flag is unset or false. When etcd reads a --config-file the check is not assessed.',
    severity: 'high',
    remediation: `Set --peer-client-cert-auth=true and --peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt in the etcd static pod manifest (${manifestPath('etcd')} on kubeadm control-plane nodes).`,
    references: ['CIS Kubernetes Benchmark 2.5', 'https://etcd.io/docs/latest/op-guide/security/'],
    example: staticPodExample('etcd', [
      '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt',
      '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key',
    ]),
  },
});

import { flagBool } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'etcd',
  rule: flagBool('peer-auto-tls', false, false),
  // etcd ignores its command-line flags when it reads a --config-file.
  configFile: { flag: 'config-file', what: 'etcd' },
  meta: {
    id: 'etcd-peer-auto-tls',
    title: 'etcd peers do not use self-signed certificates',
    description:
      'With --peer-auto-tls=true etcd members use generated self-signed certificates for replication, which peers cannot verify: any host can pose as a member. Fails when --peer-auto-tls is true; unset passes (the default is false). When etcd reads a --config-file the check is not assessed.',
    severity: 'high',
    remediation: `Remove --peer-auto-tls (or set it to false) and set --peer-cert-file and --peer-key-file to certificates from the etcd CA in the etcd static pod manifest (${manifestPath('etcd')} on kubeadm control-plane nodes).`,
    references: ['CIS Kubernetes Benchmark 2.6', 'https://etcd.io/docs/latest/op-guide/security/'],
    example: staticPodExample('etcd', ['--peer-auto-tls=true', '--listen-peer-urls=https://10.0.0.10:2380']),
  },
});

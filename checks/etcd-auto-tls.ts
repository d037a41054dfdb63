import { flagBool } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'etcd',
  rule: flagBool('auto-tls', false, false),
  // etcd ignores its command-line flags when it reads a --config-file.
  configFile: { flag: 'config-file', what: 'etcd' },
  meta: {
    id: 'etcd-auto-tls',
    title: 'etcd does not serve clients with self-signed certificates',
    description:
      'With --auto-tls=true etcd generates a self-signed serving certificate that clients cannot verify, so its TLS gives no protection against impersonation. Fails when --auto-tls is true; unset passes (the default is false). When etcd reads a --config-file the check is not assessed.',
    severity: 'high',
    remediation: `Remove --auto-tls (or set it to false) and set --cert-file and --key-file to a certificate from the etcd CA in the etcd static pod manifest (${manifestPath('etcd')} on kubeadm control-plane nodes).`,
    references: ['CIS Kubernetes Benchmark 2.3', 'https://etcd.io/docs/latest/op-guide/security/'],
    example: staticPodExample('etcd', ['--auto-tls=true', '--listen-client-urls=https://0.0.0.0:2379']),
  },
});

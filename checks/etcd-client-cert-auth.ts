import { flagBool } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'etcd',
  rule: flagBool('client-cert-auth', true, false),
  // etcd ignores its command-line flags when it reads a --config-file.
  configFile: { flag: 'config-file', what: 'etcd' },
  meta: {
    id: 'etcd-client-cert-auth',
    title: 'etcd requires client certificates',
    description:
      "Without --client-cert-auth=true (the default is false), any client that reaches etcd's client port reads and writes all cluster state, Secrets included, bypassing the API server's authentication, authorization and audit. Fails when the flag is unset or false. When etcd reads a --config-file the check is not assessed.",
    severity: 'high',
    remediation: `Set --client-cert-auth=true and --trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt in the etcd static pod manifest (${manifestPath('etcd')} on kubeadm control-plane nodes), and give the API server an etcd client certificate (--etcd-certfile, --etcd-keyfile).`,
    references: ['CIS Kubernetes Benchmark 2.2', 'https://etcd.io/docs/latest/op-guide/security/'],
    example: staticPodExample('etcd', [
      '--cert-file=/etc/kubernetes/pki/etcd/server.crt',
      '--key-file=/etc/kubernetes/pki/etcd/server.key',
    ]),
  },
});

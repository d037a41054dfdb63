import { flagBool } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-apiserver',
  rule: flagBool('service-account-extend-token-expiration', false, true),
  meta: {
    id: 'apiserver-sa-extend-token-expiration',
    title: 'Projected service-account tokens are not silently extended',
    description:
      'With --service-account-extend-token-expiration at its default (true), projected tokens are issued valid for up to a year (only warning when used after their requested expiry) to smooth the migration from legacy tokens. A token stolen from a pod then stays usable far longer than its requested lifetime. Fails when the flag is unset or true.',
    severity: 'medium',
    remediation: `Check the API server's audit log or metrics (serviceaccount_stale_tokens_total) for workloads still using stale tokens, fix their clients, then set --service-account-extend-token-expiration=false in the kube-apiserver static pod manifest (${manifestPath('kube-apiserver')} on kubeadm control-plane nodes).`,
    references: ['CIS Kubernetes Benchmark 1.2.30', 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/'],
    example: staticPodExample('kube-apiserver', ['--service-account-issuer=https://kubernetes.default.svc.cluster.local']),
  },
});

import { flagBool } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-apiserver',
  rule: flagBool('service-account-lookup', true, true),
  meta: {
    id: 'apiserver-service-account-lookup',
    title: 'The API server checks that service-account tokens still exist',
    description:
      'With --service-account-lookup=false the API server accepts a service-account token as long as its signature is valid, even after the ServiceAccount or token Secret was deleted: a leaked token cannot be revoked. Fails when --service-account-lookup is false; unset passes (the default is true).',
    severity: 'high',
    remediation: `Remove --service-account-lookup=false (or set it to true) in the kube-apiserver static pod manifest (${manifestPath('kube-apiserver')} on kubeadm control-plane nodes).`,
    references: ['CIS Kubernetes Benchmark 1.2.21', 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/'],
    example: staticPodExample('kube-apiserver', ['--service-account-lookup=false']),
  },
});

import { listExcludes } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-apiserver',
  rule: listExcludes('disable-admission-plugins', 'ServiceAccount'),
  meta: {
    id: 'apiserver-admission-service-account',
    title: 'The ServiceAccount admission plugin is not disabled',
    description:
      'The ServiceAccount admission plugin (on by default) assigns each pod a service account and mounts its projected, expiring token; without it pods can name service accounts that do not exist and token handling falls back to manual, long-lived Secrets. Fails when --disable-admission-plugins includes ServiceAccount.',
    severity: 'medium',
    remediation: `Remove ServiceAccount from --disable-admission-plugins in the kube-apiserver static pod manifest (${manifestPath('kube-apiserver')} on kubeadm control-plane nodes).`,
    references: [
      'CIS Kubernetes Benchmark 1.2.12',
      'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#serviceaccount',
    ],
    example: staticPodExample('kube-apiserver', ['--disable-admission-plugins=ServiceAccount']),
  },
});

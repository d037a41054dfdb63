import { listExcludes } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-apiserver',
  rule: listExcludes('enable-admission-plugins', 'AlwaysAdmit'),
  meta: {
    id: 'apiserver-admission-always-admit',
    title: 'The API server does not enable the AlwaysAdmit admission plugin',
    description:
      "The deprecated AlwaysAdmit plugin admits every request regardless of the other admission controllers' intent, which defeats admission-based controls. Fails when --enable-admission-plugins includes AlwaysAdmit; unset passes (it is not enabled by default).",
    severity: 'medium',
    remediation: `Remove AlwaysAdmit from --enable-admission-plugins in the kube-apiserver static pod manifest (${manifestPath('kube-apiserver')} on kubeadm control-plane nodes).`,
    references: [
      'CIS Kubernetes Benchmark 1.2.10',
      'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#alwaysadmit',
    ],
    example: staticPodExample('kube-apiserver', ['--enable-admission-plugins=NodeRestriction,AlwaysAdmit']),
  },
});

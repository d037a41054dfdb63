import { admissionPluginEnabled } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-apiserver',
  rule: admissionPluginEnabled('EventRateLimit'),
  meta: {
    id: 'apiserver-admission-event-rate-limit',
    title: 'The API server rate-limits Events (EventRateLimit)',
    description:
      'Any client allowed to create Events can flood the API server and etcd with them, degrading the control plane for everyone. The EventRateLimit admission plugin, off by default, caps the rate per server, namespace, user or source. Fails when --enable-admission-plugins does not include EventRateLimit. The limits themselves live in the --admission-control-config-file, which kaudit cannot read: review them by hand.',
    severity: 'medium',
    remediation: `Write an EventRateLimit configuration (eventratelimit.admission.k8s.io/v1alpha1) referenced from an AdmissionConfiguration file, then set --enable-admission-plugins=...,EventRateLimit and --admission-control-config-file=<path> in the kube-apiserver static pod manifest (${manifestPath('kube-apiserver')} on kubeadm control-plane nodes), mounting the files into the pod.`,
    references: [
      'CIS Kubernetes Benchmark 1.2.9',
      'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#eventratelimit',
    ],
    example: staticPodExample('kube-apiserver', ['--enable-admission-plugins=NodeRestriction']),
  },
});

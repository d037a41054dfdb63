import { admissionPluginEnabled } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-apiserver',
  rule: admissionPluginEnabled('DenyServiceExternalIPs'),
  meta: {
    id: 'apiserver-deny-external-ips',
    title: 'The API server rejects Service externalIPs (DenyServiceExternalIPs)',
    description:
      "Anyone who may create or update a Service can set spec.externalIPs and have kube-proxy capture traffic sent to any address, including other tenants' or external endpoints (CVE-2020-8554). The DenyServiceExternalIPs admission plugin, off by default, rejects new externalIPs. Fails when --enable-admission-plugins does not include DenyServiceExternalIPs.",
    severity: 'medium',
    remediation: `Add DenyServiceExternalIPs to --enable-admission-plugins in the kube-apiserver static pod manifest (${manifestPath('kube-apiserver')} on kubeadm control-plane nodes), e.g. --enable-admission-plugins=NodeRestriction,DenyServiceExternalIPs. Services that legitimately need externalIPs must be migrated first (or guarded by a policy engine instead).`,
    references: [
      'CIS Kubernetes Benchmark 1.2.3',
      'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#denyserviceexternalips',
    ],
    example: staticPodExample('kube-apiserver', ['--enable-admission-plugins=NodeRestriction']),
  },
});

import { admissionPluginEnabled } from './_shared/component-flag-rules.js';
import { componentFlagCheck, manifestPath, staticPodExample } from './_shared/component-flags.js';

export default componentFlagCheck({
  component: 'kube-apiserver',
  rule: admissionPluginEnabled('AlwaysPullImages'),
  meta: {
    id: 'apiserver-admission-always-pull-images',
    title: 'The API server forces image pulls (AlwaysPullImages)',
    description:
      "Images cached on a node can be run by any pod scheduled there with imagePullPolicy IfNotPresent or Never, without the registry credentials the image's owner needed to pull it. The AlwaysPullImages admission plugin, off by default, forces every pull through the registry's authorization. Fails when --enable-admission-plugins does not include AlwaysPullImages. It adds registry load and a registry dependency for restarts; the KubeletEnsureSecretPulledImages feature is a lighter alternative on newer clusters.",
    severity: 'medium',
    remediation: `Add AlwaysPullImages to --enable-admission-plugins in the kube-apiserver static pod manifest (${manifestPath('kube-apiserver')} on kubeadm control-plane nodes), e.g. --enable-admission-plugins=NodeRestriction,AlwaysPullImages.`,
    references: [
      'CIS Kubernetes Benchmark 1.2.11',
      'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#alwayspullimages',
    ],
    example: staticPodExample('kube-apiserver', ['--enable-admission-plugins=NodeRestriction']),
  },
});

import { pssCheck } from './_shared/pss-check.js';

export default pssCheck({
  id: 'pss-apparmor',
  control: 'appArmorProfile',
  title: 'AppArmor is not disabled (PSS baseline)',
  description:
    'Pod Security Standards baseline control "AppArmor". On nodes with AppArmor, containers run under the runtime\'s default profile; setting the profile to Unconfined (through securityContext.appArmorProfile of the pod or a container, or the older container.apparmor.security.beta.kubernetes.io annotations) removes that confinement. Only RuntimeDefault and Localhost profiles are accepted; the pod and each container are judged on their own.',
  severity: 'medium',
  remediation:
    'Remove the Unconfined setting, or set appArmorProfile.type to RuntimeDefault (or Localhost with a profile loaded on every node). Migrate AppArmor annotations to the securityContext field.',
  example: `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      appArmorProfile: {type: Unconfined}`,
});

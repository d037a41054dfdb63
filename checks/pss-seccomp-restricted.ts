import { pssCheck } from './_shared/pss-check.js';

export default pssCheck({
  id: 'pss-seccomp-restricted',
  control: 'seccompProfile_restricted',
  title: 'Every container runs under a seccomp profile (PSS restricted)',
  description:
    'Pod Security Standards restricted control "Seccomp". From policy v1.19 every container must end up with seccompProfile.type RuntimeDefault or Localhost, set on the container or inherited from the pod; an unset profile means no syscall filtering on most runtimes. Before v1.19 the restricted policy applies the baseline seccomp rule (alpha annotations must not be unconfined), and so does this check. From v1.25 pods with spec.os.name: windows are exempt.',
  severity: 'medium',
  remediation:
    'Set spec.securityContext.seccompProfile.type: RuntimeDefault on the pod (containers inherit it), and remove Unconfined settings on containers.',
  example: `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  containers:
  - name: app
    image: nginx:1.27   # no seccompProfile here or at pod level`,
});

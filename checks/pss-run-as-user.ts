import { pssCheck } from './_shared/pss-check.js';

export default pssCheck({
  id: 'pss-run-as-user',
  control: 'runAsUser',
  title: 'Containers do not run as UID 0 (PSS restricted)',
  description:
    'Pod Security Standards restricted control "Running as Non-root user" (policy v1.23 and later). runAsUser: 0 at pod level or on any container runs the process as root, whatever the image says; unset is fine (runAsNonRoot covers the image user). From policy v1.35 pods in a user namespace (spec.hostUsers: false) are not judged. The control is not applicable at policy versions before v1.23.',
  severity: 'medium',
  remediation: 'Remove runAsUser: 0 from the pod and container securityContext, or set a non-zero UID the image supports.',
  example: `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  securityContext: {runAsUser: 0}
  containers:
  - {name: app, image: nginx:1.27}`,
});

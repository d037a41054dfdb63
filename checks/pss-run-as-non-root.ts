import { pssCheck } from './_shared/pss-check.js';

export default pssCheck({
  id: 'pss-run-as-non-root',
  control: 'runAsNonRoot',
  title: 'Containers must run as non-root (PSS restricted)',
  description:
    'Pod Security Standards restricted control "Running as Non-root". Every container must have runAsNonRoot: true, set on the container or inherited from the pod securityContext, so that the kubelet refuses to start an image whose user is root. An explicit false at either level fails even when the other level says true. From policy v1.35 pods in a user namespace (spec.hostUsers: false) are not judged.',
  severity: 'medium',
  remediation:
    'Set securityContext.runAsNonRoot: true at pod level (or on every container), remove any runAsNonRoot: false, and make sure the image runs as a non-zero UID (USER in the Dockerfile or runAsUser).',
  example: `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext: {runAsNonRoot: false}`,
});

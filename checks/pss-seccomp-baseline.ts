import { pssCheck } from './_shared/pss-check.js';

export default pssCheck({
  id: 'pss-seccomp-baseline',
  control: 'seccompProfile_baseline',
  title: 'Seccomp is not explicitly disabled (PSS baseline)',
  description:
    'Pod Security Standards baseline control "Seccomp". A seccomp profile filters the system calls a container may make; Unconfined turns the filter off. Baseline only forbids explicitly unconfined profiles: from policy v1.19 it reads securityContext.seccompProfile.type of the pod and of each container (RuntimeDefault or Localhost when set), before v1.19 the seccomp alpha annotations (runtime/default, docker/default or localhost/* when present).',
  severity: 'medium',
  remediation:
    'Set seccompProfile.type to RuntimeDefault (or Localhost with a profile present on every node) at pod level, and remove Unconfined settings and seccomp annotations from the pod and its containers.',
  example: `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  securityContext:
    seccompProfile: {type: Unconfined}
  containers:
  - {name: app, image: nginx:1.27}`,
});

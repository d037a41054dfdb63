import { pssCheck } from './_shared/pss-check.js';

export default pssCheck({
  id: 'pss-proc-mount',
  control: 'procMount',
  title: '/proc is mounted with the default masks (PSS baseline)',
  description:
    'Pod Security Standards baseline control "/proc Mount Type". By default the runtime masks and makes read-only sensitive parts of /proc; procMount: Unmasked exposes them (kernel settings, other information about the host). From policy v1.35 baseline allows any procMount for pods that run in a user namespace (spec.hostUsers: false); the restricted policy does not (see pss-proc-mount-restricted).',
  severity: 'medium',
  remediation: 'Remove securityContext.procMount or set it to Default on every container.',
  example: `apiVersion: v1
kind: Pod
metadata: {name: build, namespace: ci}
spec:
  containers:
  - name: app
    image: busybox:1.36
    securityContext: {procMount: Unmasked}`,
});

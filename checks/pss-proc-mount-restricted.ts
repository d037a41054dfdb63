import { pssCheck } from './_shared/pss-check.js';

export default pssCheck({
  id: 'pss-proc-mount-restricted',
  control: 'procMount_restricted',
  title: '/proc is mounted with the default masks, also in user namespaces (PSS restricted)',
  description:
    'Pod Security Standards restricted control "/proc Mount Type". procMount must be unset or Default on every container. From policy v1.35 the baseline rule lets pods in a user namespace (spec.hostUsers: false) use any procMount; the restricted policy replaces it with this control, which keeps the unconditional rule. At earlier versions the restricted policy applies the baseline rule, which was unconditional then, and so does this check.',
  severity: 'medium',
  remediation: 'Remove securityContext.procMount or set it to Default on every container, including in pods with hostUsers: false.',
  example: `apiVersion: v1
kind: Pod
metadata: {name: build, namespace: ci}
spec:
  hostUsers: false
  containers:
  - name: app
    image: busybox:1.36
    securityContext: {procMount: Unmasked}`,
});

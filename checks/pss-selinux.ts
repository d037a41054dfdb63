import { pssCheck } from './_shared/pss-check.js';

export default pssCheck({
  id: 'pss-selinux',
  control: 'seLinuxOptions',
  title: 'SELinux options do not escape the container domain (PSS baseline)',
  description:
    'Pod Security Standards baseline control "SELinux". An SELinux type outside the container domains (container_t, container_init_t, container_kvm_t, and from policy v1.31 container_engine_t), or any custom SELinux user or role, lets the process run with a label that is not confined like a container, for example spc_t or unconfined_t.',
  severity: 'medium',
  remediation:
    'Remove seLinuxOptions.type, user and role from the pod and container securityContext, or use one of the container types. Keep seLinuxOptions.level (MCS categories), which the control allows.',
  example: `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  securityContext:
    seLinuxOptions: {type: spc_t}
  containers:
  - {name: app, image: nginx:1.27}`,
});

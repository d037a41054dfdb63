import { pssCheck } from './_shared/pss-check.js';

export default pssCheck({
  id: 'pss-privilege-escalation',
  control: 'allowPrivilegeEscalation',
  title: 'Containers forbid privilege escalation (PSS restricted)',
  description:
    'Pod Security Standards restricted control "Privilege Escalation" (policy v1.8 and later). Unless allowPrivilegeEscalation is explicitly false, a process can gain more privileges than its parent (setuid binaries, file capabilities) because no_new_privs is not set. Unset counts as allowed. From policy v1.25, pods with spec.os.name: windows are exempt.',
  severity: 'high',
  remediation: 'Set securityContext.allowPrivilegeEscalation: false on every container, init container and ephemeral container.',
  example: `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  containers:
  - name: app
    image: nginx:1.27   # no allowPrivilegeEscalation: false`,
});

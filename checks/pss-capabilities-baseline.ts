import { pssCheck } from './_shared/pss-check.js';

export default pssCheck({
  id: 'pss-capabilities-baseline',
  control: 'capabilities_baseline',
  title: 'Containers add no capability beyond the default set (PSS baseline)',
  description:
    'Pod Security Standards baseline control "Capabilities". capabilities.add may only name capabilities that container runtimes grant by default (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT). Anything else, such as SYS_ADMIN, NET_ADMIN, SYS_PTRACE or NET_RAW, widens what a compromised container can do to the node and its neighbours.',
  severity: 'high',
  remediation:
    'Remove the extra capabilities from securityContext.capabilities.add. If one is really needed, document why and prefer a narrower mechanism (for example NET_BIND_SERVICE instead of running as root to bind port 80).',
  example: `apiVersion: v1
kind: Pod
metadata: {name: tools, namespace: shop}
spec:
  containers:
  - name: app
    image: busybox:1.36
    securityContext:
      capabilities: {add: [SYS_ADMIN, NET_RAW]}`,
});

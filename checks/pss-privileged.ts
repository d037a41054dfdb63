import { pssCheck } from './_shared/pss-check.js';

export default pssCheck({
  id: 'pss-privileged',
  control: 'privileged',
  title: 'Containers do not run privileged (PSS baseline)',
  description:
    'Pod Security Standards baseline control "Privileged Containers". A privileged container runs with every capability and every host device, with no seccomp or AppArmor confinement: a process in it can load kernel modules, mount the host file system and take over the node. The control judges containers, init containers and ephemeral containers.',
  severity: 'high',
  remediation:
    'Remove securityContext.privileged (or set it to false) on every container. Grant the one capability the workload needs instead, or move node-level work (CNI, storage drivers) to a namespace that is deliberately exempt and reviewed.',
  example: `apiVersion: v1
kind: Pod
metadata: {name: debug, namespace: shop}
spec:
  containers:
  - name: app
    image: busybox:1.36
    securityContext: {privileged: true}`,
});

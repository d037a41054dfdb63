import { pssCheck } from './_shared/pss-check.js';

export default pssCheck({
  id: 'pss-sysctls',
  control: 'sysctls',
  title: 'Pods set only safe sysctls (PSS baseline)',
  description:
    'Pod Security Standards baseline control "Sysctls". Only sysctls that are namespaced and isolated per pod may be set in spec.securityContext.sysctls; others change kernel behaviour for every pod on the node. The safe set grows with the policy version (v1.27, v1.29, v1.32 and v1.37 added net.ipv4 settings), so the same pod can fail at an older --pss-version and pass at a newer one.',
  severity: 'medium',
  remediation:
    'Remove the unsafe sysctl from spec.securityContext.sysctls. If the workload needs it, tune it on dedicated nodes (kubelet --allowed-unsafe-sysctls plus taints) and exempt that namespace explicitly.',
  example: `apiVersion: v1
kind: Pod
metadata: {name: db, namespace: shop}
spec:
  securityContext:
    sysctls:
    - {name: kernel.msgmax, value: "65536"}
  containers:
  - {name: app, image: postgres:16}`,
});

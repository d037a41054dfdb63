import { pssCheck } from './_shared/pss-check.js';

export default pssCheck({
  id: 'pss-windows-host-process',
  control: 'windowsHostProcess',
  title: 'Windows pods do not run HostProcess containers (PSS baseline)',
  description:
    'Pod Security Standards baseline control "HostProcess". A Windows HostProcess container runs directly on the Windows node as a process with the node\'s network and file system, which is the Windows equivalent of a privileged container. The pod-level and every container-level windowsOptions.hostProcess are judged.',
  severity: 'high',
  remediation:
    'Remove securityContext.windowsOptions.hostProcess (or set it to false) on the pod and its containers. Node agents that need it belong in a dedicated, exempt and reviewed namespace.',
  example: `apiVersion: v1
kind: Pod
metadata: {name: agent, namespace: shop}
spec:
  os: {name: windows}
  hostNetwork: true
  securityContext:
    windowsOptions: {hostProcess: true, runAsUserName: "NT AUTHORITY\\\\SYSTEM"}
  containers:
  - {name: app, image: mcr.microsoft.com/windows/nanoserver:ltsc2022}`,
});

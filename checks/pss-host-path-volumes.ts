import { pssCheck } from './_shared/pss-check.js';

export default pssCheck({
  id: 'pss-host-path-volumes',
  control: 'hostPathVolumes',
  title: 'Pods do not mount hostPath volumes (PSS baseline)',
  description:
    'Pod Security Standards baseline control "HostPath Volumes". A hostPath volume mounts a directory or file of the node into the pod: the container runtime socket, kubelet credentials or /etc are a few paths away from full control of the node. Read-only mounts are forbidden too, since they still expose secrets on the node.',
  severity: 'high',
  remediation:
    'Replace hostPath volumes with emptyDir, a PersistentVolumeClaim, a ConfigMap/Secret or a CSI driver. Agents that truly need node paths belong in a dedicated, exempt and reviewed namespace.',
  example: `apiVersion: v1
kind: Pod
metadata: {name: agent, namespace: shop}
spec:
  containers:
  - name: app
    image: busybox:1.36
    volumeMounts: [{name: docker, mountPath: /var/run/docker.sock}]
  volumes:
  - name: docker
    hostPath: {path: /var/run/docker.sock}`,
});

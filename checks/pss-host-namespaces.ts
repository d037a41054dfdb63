import { pssCheck } from './_shared/pss-check.js';

export default pssCheck({
  id: 'pss-host-namespaces',
  control: 'hostNamespaces',
  title: 'Pods do not share host namespaces (PSS baseline)',
  description:
    'Pod Security Standards baseline control "Host Namespaces". With hostNetwork a pod sees and binds the node\'s network interfaces (and can sniff or impersonate node traffic); with hostPID it sees and can signal every process on the node; with hostIPC it shares the node\'s System V IPC and POSIX shared memory.',
  severity: 'high',
  remediation:
    'Remove hostNetwork, hostPID and hostIPC from the pod spec (or set them to false). Expose ports through a Service instead of the host network; use a debug container rather than hostPID to inspect processes.',
  example: `apiVersion: apps/v1
kind: Deployment
metadata: {name: metrics, namespace: monitoring}
spec:
  selector: {matchLabels: {app: metrics}}
  template:
    metadata: {labels: {app: metrics}}
    spec:
      hostNetwork: true
      hostPID: true
      containers:
      - {name: exporter, image: prom/node-exporter:v1.8.0}`,
});

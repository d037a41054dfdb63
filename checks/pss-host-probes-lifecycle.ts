import { pssCheck } from './_shared/pss-check.js';

export default pssCheck({
  id: 'pss-host-probes-lifecycle',
  control: 'hostProbesAndHostLifecycle',
  title: 'Probes and lifecycle hooks do not target other hosts (PSS baseline)',
  description:
    'Pod Security Standards baseline control "Host Probes / Lifecycle Hooks" (policy v1.34 and later). The kubelet runs httpGet and tcpSocket probes and lifecycle hooks from the node; a host field lets a pod make the kubelet connect to any address the node can reach (cloud metadata, the API server, other nodes), a server-side request forgery. The control is not applicable at policy versions before v1.34.',
  severity: 'medium',
  remediation:
    "Remove the host field from httpGet and tcpSocket handlers of liveness, readiness and startup probes and of postStart / preStop hooks, so that they target the pod's own IP.",
  example: `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  containers:
  - name: app
    image: nginx:1.27
    livenessProbe:
      httpGet: {host: 169.254.169.254, path: /latest/meta-data/, port: 80}`,
});

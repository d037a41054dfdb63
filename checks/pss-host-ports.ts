import { pssCheck } from './_shared/pss-check.js';

export default pssCheck({
  id: 'pss-host-ports',
  control: 'hostPorts',
  title: 'Containers do not bind host ports (PSS baseline)',
  description:
    'Pod Security Standards baseline control "Host Ports". A hostPort opens a port on the node itself, bypassing Services and most NetworkPolicy implementations, and ties the pod to nodes where the port is free. The built-in admission controller allows no host port at all (unset or 0 only).',
  severity: 'medium',
  remediation:
    'Remove ports[*].hostPort (or set it to 0) and publish the port through a Service (ClusterIP, NodePort or LoadBalancer) or an Ingress.',
  example: `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  containers:
  - name: app
    image: nginx:1.27
    ports:
    - {containerPort: 80, hostPort: 8080}`,
});

/** Manifests shared by the tests of the exposure checks. */

export const deployment = (name: string, securityContext = '{}') => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: shop}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}, tier: front}}
    spec: {containers: [{name: c, image: example.com/${name}:1, securityContext: ${securityContext}}]}
`;
export const service = (name: string, spec: string, annotations = '{}') => `---
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: shop, annotations: ${annotations}}
spec: ${spec}
`;
export const workloads = `${deployment('web')}${deployment('tools', '{privileged: true}')}`;

export const ingress = (name: string, spec: string) => `---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: ${name}, namespace: shop}
spec: ${spec}
`;
export const rule = (host: string, svc = 'web') =>
  `{host: ${host}, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: ${svc}, port: {number: 80}}}}]}}`;

/** Manifests shared by the tests of the exposure checks. */

/** A Deployment in shop; podFields are extra pod spec fields ("serviceAccountName: x, "). */
export const deployment = (name: string, securityContext = '{}', podFields = '') => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: shop}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}, tier: front}}
    spec: {${podFields}containers: [{name: c, image: example.com/${name}:1, securityContext: ${securityContext}}]}
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

/** A Deployment running as a ServiceAccount of shop (token mounted unless automount is 'false'). */
export const deploymentAs = (name: string, account: string, securityContext = '{}', automount = '') =>
  deployment(name, securityContext, `serviceAccountName: ${account}, ${automount ? `automountServiceAccountToken: ${automount}, ` : ''}`);

/** ServiceAccount shop/NAME bound cluster-wide to a ClusterRole with the given rules. */
export const accountWith = (name: string, rules: string) => `---
apiVersion: v1
kind: ServiceAccount
metadata: {name: ${name}, namespace: shop}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: ${name}-role}
rules: ${rules}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ${name}-binding}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${name}-role}
subjects: [{kind: ServiceAccount, name: ${name}, namespace: shop}]
`;
export const ADMIN_RULES = "[{apiGroups: ['*'], resources: ['*'], verbs: ['*']}]";
export const SECRET_READER_RULES = "[{apiGroups: [''], resources: [secrets], verbs: [get, list]}]";

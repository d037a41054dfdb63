import { type AccessRequest } from './_shared/rbac-rules.js';
import { subjectRightCheck } from './_shared/rbac-subject-check.js';

/** Entering a running pod: a shell (exec), its console (attach) or its ports (portforward). get is accepted for the websocket upgrade. */
const REQUESTS: AccessRequest[] = ['exec', 'attach', 'portforward'].flatMap((subresource) =>
  ['create', 'get'].map((verb) => ({ verb, group: '', resource: 'pods', subresource })),
);

export default subjectRightCheck({
  id: 'rbac-pod-exec',
  title: 'Only the subjects that need it can exec, attach or port-forward into pods',
  description:
    "pods/exec and pods/attach run commands in a running container with its files, its environment (secrets in env vars included) and its mounted service-account token, so they hand over the pod's identity; pods/portforward reaches ports the network policies and Services keep private. The API server authorises the websocket upgrade of these requests as get, so get on these subresources is as good as create. The check reports each binding that grants them, with its scope.",
  severity: 'medium',
  requests: REQUESTS,
  expected: 'exec, attach and port-forward only for operators who need them, in the namespaces they operate',
  remediation:
    'Remove pods/exec, pods/attach and pods/portforward from roles given to people and automation by default; grant them just in time (a RoleBinding in one namespace with an expiry enforced by your access tooling) and audit their use (audit policy level Metadata or above for these subresources).',
  references: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#exec',
    'https://kubernetes.io/docs/reference/access-authn-authz/authorization/#determine-the-request-verb',
  ],
  example: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: debugger, namespace: shop}
rules:
- {apiGroups: [''], resources: [pods/exec, pods/portforward], verbs: [create, get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: developers-debug, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: debugger}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: Group, name: developers}`,
});

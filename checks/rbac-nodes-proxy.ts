import { subjectRightCheck } from './_shared/rbac-subject-check.js';

export default subjectRightCheck({
  id: 'rbac-nodes-proxy',
  title: 'Only the subjects that need it can reach the kubelet API through nodes/proxy',
  description:
    "The nodes/proxy subresource forwards requests to a node's kubelet API, which runs commands in containers, reads their logs and exposes the node's configuration, past admission control and with little of it in the API server's audit log. get and create on nodes/proxy are reported (nodes are cluster-scoped, so only ClusterRoleBindings count). Note that kaudit itself needs get on nodes/proxy to read each kubelet's effective configuration (/configz); skip its dedicated service account with extraSkipSubjects (e.g. ServiceAccount/kaudit/kaudit) rather than ignoring the finding.",
  severity: 'medium',
  requests: [
    { verb: 'get', group: '', resource: 'nodes', subresource: 'proxy', clusterScoped: true },
    { verb: 'create', group: '', resource: 'nodes', subresource: 'proxy', clusterScoped: true },
  ],
  expected: 'get or create on nodes/proxy only for monitoring and audit agents that need the kubelet API',
  remediation:
    'Remove nodes/proxy from the role. Metrics collectors can use nodes/metrics and nodes/stats instead; logs and exec go through pods/log and pods/exec, which admission and audit see. Keep nodes/proxy for the few agents that need it, each with its own service account.',
  references: [
    'CIS Kubernetes Benchmark 5.1.10',
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#access-to-proxy-subresource-of-nodes',
  ],
  example: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: node-metrics-reader}
rules:
- {apiGroups: [""], resources: [nodes, nodes/proxy], verbs: [get, list, watch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: prometheus-node-metrics}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: node-metrics-reader}
subjects:
- {kind: ServiceAccount, name: prometheus, namespace: monitoring}`,
});

import { describe, it } from '@jest/globals';
import check from '../../checks/rbac-nodes-proxy.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const yaml = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: node-metrics-reader}
rules:
- {apiGroups: [""], resources: [nodes, nodes/metrics, nodes/proxy], verbs: [get, list, watch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: prometheus-node-metrics}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: node-metrics-reader}
subjects:
- {kind: ServiceAccount, name: prometheus, namespace: monitoring}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: every-proxy}
rules:
- {apiGroups: [""], resources: ["*/proxy"], verbs: [create]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: kaudit}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: every-proxy}
subjects:
- {kind: ServiceAccount, name: kaudit, namespace: kaudit}
`;

const wellScoped = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: node-stats}
rules:
- {apiGroups: [""], resources: [nodes, nodes/metrics, nodes/stats], verbs: [get, list, watch]}
- {apiGroups: [""], resources: [nodes/proxy], verbs: [list, watch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: node-stats}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: node-stats}
subjects:
- {kind: ServiceAccount, name: metrics-server, namespace: monitoring}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: proxy-in-namespace, namespace: monitoring}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: node-metrics-reader}
subjects:
- {kind: ServiceAccount, name: grafana, namespace: monitoring}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: node-metrics-reader}
rules:
- {apiGroups: [""], resources: [nodes/proxy], verbs: [get]}
`;

describe('rbac-nodes-proxy', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'nodes/metrics and nodes/stats, list on nodes/proxy, and a RoleBinding', yaml: wellScoped },
        {
          name: "kaudit's own service account skipped with extraSkipSubjects",
          yaml,
          options: { extraSkipSubjects: ['ServiceAccount/kaudit/kaudit', 'ServiceAccount/monitoring/prometheus'] },
        },
      ],
      fail: [
        {
          yaml,
          name: 'get on nodes/proxy, and create through */proxy',
          findings: [
            {
              messageId: 'granted',
              resource: 'ClusterRoleBinding/prometheus-node-metrics',
              path: '/subjects/0',
              message:
                'ServiceAccount monitoring/prometheus can get nodes/proxy cluster-wide through ClusterRole node-metrics-reader bound by ClusterRoleBinding prometheus-node-metrics',
              observed: 'ClusterRole node-metrics-reader: get on nodes/proxy',
              expected: 'get or create on nodes/proxy only for monitoring and audit agents that need the kubelet API',
            },
            {
              messageId: 'granted',
              resource: 'ClusterRoleBinding/kaudit',
              path: '/subjects/0',
              message:
                'ServiceAccount kaudit/kaudit can create nodes/proxy cluster-wide through ClusterRole every-proxy bound by ClusterRoleBinding kaudit',
              observed: 'ClusterRole every-proxy: create on */proxy',
            },
          ],
        },
      ],
    },
    it,
  );
});

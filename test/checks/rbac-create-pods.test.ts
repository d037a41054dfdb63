import { describe, it } from '@jest/globals';
import check from '../../checks/rbac-create-pods.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const builtIn = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: system:controller:replicaset-controller}
rules:
- {apiGroups: [""], resources: [pods], verbs: [create, delete, list, patch, watch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: system:controller:replicaset-controller}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:controller:replicaset-controller}
subjects:
- {kind: ServiceAccount, name: replicaset-controller, namespace: kube-system}
`;

describe('rbac-create-pods', () => {
  new CheckTester(check).register(
    {
      pass: ['pass-no-create.yaml', { name: 'a kube-system controller is skipped by default', yaml: builtIn }],
      fail: [
        {
          fixture: 'fail-controllers.yaml',
          findings: [
            {
              messageId: 'granted',
              resource: 'RoleBinding/shop/pod-runner',
              path: '/subjects/0',
              message:
                'User bob@example.com can create pods in namespace shop through ClusterRole pod-runner bound by RoleBinding pod-runner',
              observed: 'ClusterRole pod-runner: create on pods',
              expected: 'create on pods and workload controllers only for deployers and controllers that need it, in their own namespaces',
            },
            {
              messageId: 'granted',
              resource: 'ClusterRoleBinding/ci-deployer',
              path: '/subjects/0',
              message:
                'ServiceAccount ci/deployer can create replicationcontrollers, deployments, statefulsets, jobs, cronjobs cluster-wide through ClusterRole deployer bound by ClusterRoleBinding ci-deployer',
              observed:
                'ClusterRole deployer: create on deployments.apps,statefulsets.apps; ClusterRole deployer: * on jobs.batch,cronjobs.batch; ClusterRole deployer: create on replicationcontrollers',
            },
          ],
        },
        {
          name: 'kube-system controllers are reported when skipSubjects is emptied',
          yaml: builtIn,
          options: { skipSubjects: [] },
          findings: [
            {
              messageId: 'granted',
              resource: 'ClusterRoleBinding/system:controller:replicaset-controller',
              path: '/subjects/0',
              message:
                'ServiceAccount kube-system/replicaset-controller can create pods cluster-wide through ClusterRole system:controller:replicaset-controller bound by ClusterRoleBinding system:controller:replicaset-controller',
            },
          ],
        },
      ],
    },
    it,
  );
});

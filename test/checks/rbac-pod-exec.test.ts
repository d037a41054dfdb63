import { describe, it } from '@jest/globals';
import check from '../../checks/rbac-pod-exec.js';
import { CheckTester } from '../../src/testing/check-tester.js';

describe('rbac-pod-exec', () => {
  new CheckTester(check).register(
    {
      pass: ['pass-no-exec.yaml'],
      fail: [
        {
          fixture: 'fail-exec.yaml',
          findings: [
            {
              messageId: 'granted',
              resource: 'RoleBinding/shop/developers-debug',
              path: '/subjects/0',
              message:
                'Group developers can create/get pods/exec, pods/portforward in namespace shop through Role debugger bound by RoleBinding developers-debug',
              observed: 'Role debugger: create,get on pods/exec,pods/portforward',
              expected: 'exec, attach and port-forward only for operators who need them, in the namespaces they operate',
            },
            {
              messageId: 'granted',
              resource: 'ClusterRoleBinding/support',
              path: '/subjects/0',
              message:
                'User support@example.com can get pods/attach cluster-wide through ClusterRole support bound by ClusterRoleBinding support',
              observed: 'ClusterRole support (aggregated from ClusterRole attach): get on pods/attach',
            },
          ],
        },
        {
          name: 'the kube-system operator is reported when skipSubjects is emptied',
          fixture: 'pass-no-exec.yaml',
          options: { skipSubjects: [] },
          findings: [
            {
              messageId: 'granted',
              resource: 'ClusterRoleBinding/controller-exec',
              path: '/subjects/0',
              message:
                'ServiceAccount kube-system/operator can create pods/exec cluster-wide through ClusterRole exec bound by ClusterRoleBinding controller-exec',
            },
          ],
        },
      ],
    },
    it,
  );
});

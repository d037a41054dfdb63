import { describe, it } from '@jest/globals';
import check from '../../checks/rbac-anonymous-bindings.js';
import { CheckTester } from '../../src/testing/check-tester.js';

describe('rbac-anonymous-bindings', () => {
  new CheckTester(check).register(
    {
      pass: [
        'pass-defaults.yaml',
        {
          name: 'allowedRoles accepts more roles',
          fixture: 'fail-broad.yaml',
          options: {
            allowedRoles: [
              'ClusterRole/view',
              'ClusterRole/system:service-account-issuer-discovery',
              'Role/kube-public/kubeadm:bootstrap-signer-clusterinfo',
            ],
          },
        },
      ],
      fail: [
        {
          fixture: 'fail-broad.yaml',
          findings: [
            {
              messageId: 'broad',
              resource: 'RoleBinding/monitoring/dashboards-viewer',
              path: '/subjects/0',
              message:
                'Group system:authenticated (every authenticated user and service account) is granted ClusterRole view in namespace monitoring by RoleBinding dashboards-viewer',
              observed:
                'ClusterRole view (aggregated from ClusterRole system:aggregate-to-view): get,list,watch on configmaps,pods,services (+1 more rule)',
              expected:
                'only system:basic-user, system:discovery and system:public-info-viewer for anonymous and all-authenticated identities',
            },
            {
              messageId: 'broad',
              resource: 'ClusterRoleBinding/public-oidc',
              path: '/subjects/0',
              message:
                'Group system:unauthenticated (any unauthenticated request) is granted ClusterRole system:service-account-issuer-discovery cluster-wide by ClusterRoleBinding public-oidc',
              observed: 'ClusterRole system:service-account-issuer-discovery: get on /.well-known/openid-configuration,/openid/v1/jwks',
            },
          ],
        },
        {
          name: "kubeadm's anonymous cluster-info binding is reported when allowedRoles drops it",
          fixture: 'fail-broad.yaml',
          options: {
            allowedRoles: [
              'ClusterRole/system:basic-user',
              'ClusterRole/system:discovery',
              'ClusterRole/system:public-info-viewer',
              'ClusterRole/view',
              'ClusterRole/system:service-account-issuer-discovery',
            ],
          },
          findings: [
            {
              messageId: 'broad',
              resource: 'RoleBinding/kube-public/kubeadm:bootstrap-signer-clusterinfo',
              path: '/subjects/0',
              message:
                'User system:anonymous (any unauthenticated request) is granted Role kubeadm:bootstrap-signer-clusterinfo in namespace kube-public by RoleBinding kubeadm:bootstrap-signer-clusterinfo',
              observed: 'Role kubeadm:bootstrap-signer-clusterinfo: get on configmaps (resourceNames: cluster-info)',
            },
          ],
        },
        {
          name: 'the default discovery roles are reported when allowedRoles is emptied',
          fixture: 'pass-defaults.yaml',
          options: { allowedRoles: [] },
          findings: [
            {
              messageId: 'broad',
              resource: 'ClusterRoleBinding/system:basic-user',
              path: '/subjects/0',
              observed:
                'ClusterRole system:basic-user: create on selfsubjectaccessreviews.authorization.k8s.io,selfsubjectrulesreviews.authorization.k8s.io',
            },
            { messageId: 'broad', resource: 'ClusterRoleBinding/system:discovery', path: '/subjects/0' },
            { messageId: 'broad', resource: 'ClusterRoleBinding/system:public-info-viewer', path: '/subjects/0' },
            {
              messageId: 'broad',
              resource: 'ClusterRoleBinding/system:public-info-viewer',
              path: '/subjects/1',
              message:
                'Group system:unauthenticated (any unauthenticated request) is granted ClusterRole system:public-info-viewer cluster-wide by ClusterRoleBinding system:public-info-viewer',
            },
          ],
        },
      ],
    },
    it,
  );
});

import { describe, it } from '@jest/globals';
import check from '../../checks/rbac-user-client-cert.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const ROLE =
  'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: view}\nrules:\n- {apiGroups: [""], resources: [pods], verbs: [get]}\n';
const binding = (name: string, subjects: string[], namespace?: string): string =>
  `---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ${namespace ? 'RoleBinding' : 'ClusterRoleBinding'}\nmetadata: {name: ${name}${namespace ? `, namespace: ${namespace}` : ''}}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\nsubjects:\n${subjects.map((s) => `- ${s}`).join('\n')}\n`;
const user = (name: string): string => `{apiGroup: rbac.authorization.k8s.io, kind: User, name: '${name}'}`;

describe('rbac-user-client-cert', () => {
  new CheckTester(check).register(
    {
      pass: [
        {
          name: 'users from identity providers, system users, groups and service accounts',
          yaml:
            ROLE +
            binding('people', [
              user('alice@example.com'),
              user('oidc:bob'),
              user('https://issuer.example.com#carol'),
              user('system:kube-scheduler'),
              user('system:serviceaccount:ci:deployer'),
              '{kind: Group, name: devs}',
              '{kind: ServiceAccount, name: x, namespace: ci}',
            ]),
        },
      ],
      fail: [
        {
          name: 'bare user names, cluster-wide and in a namespace',
          yaml: ROLE + binding('ops', [user('oidc:bob'), user('ops-admin')]) + binding('alice-view', [user('alice')], 'shop'),
          findings: [
            {
              messageId: 'bareUser',
              resource: 'ClusterRoleBinding/ops',
              path: '/subjects/1',
              message:
                'User ops-admin (a bare name, as a client certificate gives it) is granted ClusterRole view cluster-wide by ClusterRoleBinding ops',
              observed: 'User ops-admin',
            },
            {
              messageId: 'bareUser',
              resource: 'RoleBinding/shop/alice-view',
              path: '/subjects/0',
              message:
                'User alice (a bare name, as a client certificate gives it) is granted ClusterRole view in namespace shop by RoleBinding alice-view',
            },
          ],
        },
      ],
    },
    it,
  );
});

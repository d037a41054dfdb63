import { describe, it } from '@jest/globals';
import check from '../../checks/rbac-escalation-path.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const EXPECTED = 'no path to cluster-admin power for subjects that are not cluster administrators by design';
const powerAdmin = '[ClusterRoleBinding power-admin → ClusterRole cluster-admin: * on *.*]';

describe('rbac-escalation-path', () => {
  new CheckTester(check).register(
    {
      pass: ['pass-no-path.yaml'],
      fail: [
        {
          fixture: 'fail-paths.yaml',
          findings: [
            {
              messageId: 'direct',
              resource: 'ClusterRoleBinding/power-admin',
              path: '/subjects/0',
              message: 'ServiceAccount legacy/power holds cluster-admin power directly: holds every verb on every resource cluster-wide',
              observed: `1. ServiceAccount legacy/power holds every verb on every resource cluster-wide → cluster-admin ${powerAdmin}`,
              expected: EXPECTED,
            },
            {
              messageId: 'path',
              resource: 'ClusterRoleBinding/scraper-nodes',
              path: '/subjects/0',
              message:
                'ServiceAccount monitoring/scraper can reach cluster-admin power in 2 steps, starting with: can reach every kubelet API through nodes/proxy (exec into any pod on the node)',
              observed:
                '1. ServiceAccount monitoring/scraper can reach every kubelet API through nodes/proxy (exec into any pod on the node), exec into a pod of Pod legacy/worker → ServiceAccount legacy/power [ClusterRoleBinding scraper-nodes → ClusterRole node-metrics: get on nodes/proxy] ' +
                `2. ServiceAccount legacy/power holds every verb on every resource cluster-wide → cluster-admin ${powerAdmin}`,
              expected: EXPECTED,
            },
            {
              messageId: 'path',
              resource: 'ClusterRoleBinding/ops-impersonate',
              path: '/subjects/0',
              message: 'Group oidc:ops can reach cluster-admin power in 1 step, starting with: can impersonate Group system:masters',
              observed:
                '1. Group oidc:ops can impersonate Group system:masters → cluster-admin [ClusterRoleBinding ops-impersonate → ClusterRole impersonator: impersonate on groups]',
            },
          ],
        },
        {
          name: 'subjects named in extraSkipSubjects are administrators by design',
          fixture: 'fail-paths.yaml',
          options: { extraSkipSubjects: ['ServiceAccount/legacy/*', 'Group/oidc:*'] },
          findings: [{ messageId: 'path', resource: 'ClusterRoleBinding/scraper-nodes', path: '/subjects/0' }],
        },
        {
          name: 'a kube-system account is judged when skipSubjects is emptied',
          fixture: 'pass-no-path.yaml',
          options: { skipSubjects: [] },
          findings: [
            {
              messageId: 'direct',
              resource: 'ClusterRoleBinding/power-admin',
              path: '/subjects/0',
              message:
                'ServiceAccount kube-system/power holds cluster-admin power directly: holds every verb on every resource cluster-wide',
            },
          ],
        },
      ],
    },
    it,
  );
});

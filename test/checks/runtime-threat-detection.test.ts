import { describe, it } from '@jest/globals';
import check from '../../checks/runtime-threat-detection.js';
import { daemonSet, nodes } from './hardening-yaml.js';
import { CheckTester } from '../../src/testing/check-tester.js';

describe('runtime-threat-detection', () => {
  new CheckTester(check).register(
    {
      pass: [
        {
          name: 'Falco on all three nodes',
          yaml:
            nodes(3) + daemonSet('falco', 'docker.io/falcosecurity/falco:0.39.2', 'status: {desiredNumberScheduled: 3, numberReady: 3}'),
        },
        { name: 'Tetragon from manifests (no status)', yaml: nodes(1) + daemonSet('tetragon', 'quay.io/cilium/tetragon:v1.2.0') },
      ],
      fail: [
        {
          name: 'no agent',
          yaml: nodes(2) + daemonSet('node-exporter', 'quay.io/prometheus/node-exporter:v1.8.2'),
          findings: [
            {
              messageId: 'none',
              resource: 'Cluster/cluster',
              message: 'No runtime threat-detection agent runs in the cluster (no known agent DaemonSet among node-exporter)',
            },
          ],
        },
        {
          name: 'Falco scheduled on 2 of 3 nodes; KubeArmor not ready everywhere',
          yaml:
            nodes(3) +
            daemonSet('falco', 'falcosecurity/falco:0.39.2', 'status: {desiredNumberScheduled: 2, numberReady: 2}') +
            daemonSet('kubearmor', 'kubearmor/kubearmor:stable', 'status: {desiredNumberScheduled: 3, numberReady: 1}'),
          findings: [
            {
              messageId: 'notEveryNode',
              resource: 'DaemonSet/security/falco',
              path: '/status/desiredNumberScheduled',
              message: 'Falco (DaemonSet falco) is scheduled on 2 of 3 nodes',
              observed: '2 of 3 nodes',
            },
            {
              messageId: 'notReady',
              resource: 'DaemonSet/security/kubearmor',
              path: '/status/numberReady',
              message: 'KubeArmor (DaemonSet kubearmor) is ready on 1 of 3 nodes it should run on',
            },
          ],
        },
      ],
      unjudgeable: [
        {
          name: 'DaemonSets of a namespace unread',
          yaml: nodes(1),
          inventory: (inv) =>
            inv.coverage.push({ key: 'daemonSets', kind: 'DaemonSet', namespace: 'falco', status: 403, reason: 'Forbidden' }),
          status: 'not-assessed',
        },
      ],
    },
    it,
  );
});

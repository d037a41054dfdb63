import { describe, it } from '@jest/globals';
import check from '../../checks/kubelet-hostname-override.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import type { NodeReport } from '../../src/core/node-report.js';
import { controlPlaneReport, NODES_YAML, withReports, workerReport } from '../support/node-reports.js';

const overridden = (r: NodeReport): NodeReport => ({
  ...r,
  components: r.components.map((c) => (c.name === 'kubelet' ? { ...c, flags: { ...c.flags, 'hostname-override': 'ip-10-0-0-7' } } : c)),
});

describe('kubelet-hostname-override', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'no override', yaml: NODES_YAML, inventory: withReports(controlPlaneReport(), workerReport()) },
        {
          name: 'k3s without --kubelet-arg',
          yaml: NODES_YAML,
          inventory: withReports(
            { ...controlPlaneReport(), distribution: 'k3s', components: [{ name: 'k3s', pid: 1, flags: {} }] },
            workerReport(),
          ),
        },
      ],
      fail: [
        {
          name: 'worker-1 overrides its name',
          yaml: NODES_YAML,
          inventory: withReports(controlPlaneReport(), overridden(workerReport())),
          findings: [
            {
              messageId: 'override',
              resource: 'Node/worker-1',
              path: '/proc/1001/cmdline',
              message: 'kubelet on node worker-1 sets --hostname-override=ip-10-0-0-7',
              observed: '--hostname-override=ip-10-0-0-7',
              expected: 'unset',
            },
          ],
        },
      ],
      unjudgeable: [
        { name: 'worker-1 has no report', status: 'not-assessed', yaml: NODES_YAML, inventory: withReports(controlPlaneReport()) },
        {
          name: 'no kubelet process seen',
          status: 'not-assessed',
          yaml: NODES_YAML,
          inventory: withReports(controlPlaneReport(), { ...workerReport(), components: [] }),
        },
      ],
    },
    it,
  );
});

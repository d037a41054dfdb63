import { describe, it } from '@jest/globals';
import check from '../../checks/node-encryption-kms-v2.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import type { NodeReport } from '../../src/core/node-report.js';
import { controlPlaneReport, NODES_YAML, withReports, workerReport } from '../support/node-reports.js';

const ENC = '/etc/kubernetes/enc/encryption.yaml';
const SOURCE = 'kube-apiserver --encryption-provider-config';
const withProviders = (resources: NonNullable<NodeReport['encryption']>['resources'], node = 'cp-1'): NodeReport => ({
  ...controlPlaneReport(node),
  encryption: { ...controlPlaneReport().encryption!, resources },
});
const KMS_V2 = withProviders([{ resources: ['secrets'], providers: ['kms', 'aescbc', 'identity'], kmsApiVersions: ['v2'] }]);
const cp2 = 'apiVersion: v1\nkind: Node\nmetadata: {name: cp-2, labels: {node-role.kubernetes.io/control-plane: ""}}\n';

describe('node-encryption-kms-v2', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'kms v2 first for secrets', yaml: NODES_YAML, inventory: withReports(KMS_V2, workerReport()) },
        {
          name: 'kms v2 first through a wildcard, a kms v1 after it (migration)',
          yaml: NODES_YAML,
          inventory: withReports(
            withProviders([{ resources: ['*.*'], providers: ['kms', 'kms'], kmsApiVersions: ['v2', 'v1'] }]),
            workerReport(),
          ),
        },
      ],
      fail: [
        {
          name: 'aescbc first (the key is on the host)',
          yaml: NODES_YAML,
          inventory: withReports(controlPlaneReport(), workerReport()),
          findings: [
            {
              messageId: 'notKmsV2',
              resource: 'Node/cp-1',
              path: ENC,
              message: `node cp-1: ${ENC} (${SOURCE}) encrypts secrets with aescbc first, not a KMS v2 provider (providers: aescbc, identity)`,
              observed: 'aescbc, identity',
              expected: 'kms (v2) first',
            },
          ],
        },
        {
          name: 'kms v1 first (apiVersion unset defaults to v1)',
          yaml: NODES_YAML,
          inventory: withReports(
            withProviders([{ resources: ['secrets'], providers: ['kms', 'kms', 'identity'], kmsApiVersions: ['v1', 'v2'] }]),
          ),
          findings: [
            {
              messageId: 'notKmsV2',
              resource: 'Node/cp-1',
              path: ENC,
              message: `node cp-1: ${ENC} (${SOURCE}) encrypts secrets with kms (v1) first, not a KMS v2 provider (providers: kms (v1), kms (v2), identity)`,
              observed: 'kms (v1), kms (v2), identity',
            },
          ],
        },
        {
          name: 'identity first',
          yaml: NODES_YAML,
          inventory: withReports(withProviders([{ resources: ['secrets'], providers: ['identity', 'kms'], kmsApiVersions: ['v2'] }])),
          findings: [{ messageId: 'notKmsV2', resource: 'Node/cp-1', path: ENC, observed: 'identity, kms (v2)' }],
        },
        {
          name: 'secretbox first',
          yaml: NODES_YAML,
          inventory: withReports(withProviders([{ resources: ['secrets'], providers: ['secretbox'] }])),
          findings: [{ messageId: 'notKmsV2', resource: 'Node/cp-1', path: ENC, observed: 'secretbox' }],
        },
        {
          name: 'aesgcm first',
          yaml: NODES_YAML,
          inventory: withReports(withProviders([{ resources: ['secrets'], providers: ['aesgcm'] }])),
          findings: [{ messageId: 'notKmsV2', resource: 'Node/cp-1', path: ENC, observed: 'aesgcm' }],
        },
        {
          name: 'secrets not listed',
          yaml: NODES_YAML,
          inventory: withReports(withProviders([{ resources: ['configmaps'], providers: ['kms'], kmsApiVersions: ['v2'] }])),
          findings: [{ messageId: 'notCovered', resource: 'Node/cp-1', path: ENC, observed: 'configmaps' }],
        },
        {
          name: 'no --encryption-provider-config',
          yaml: NODES_YAML,
          inventory: withReports({
            ...controlPlaneReport(),
            encryption: undefined,
            components: controlPlaneReport().components.map((c) => (c.name === 'kube-apiserver' ? { ...c, flags: {} } : c)),
          }),
          findings: [
            { messageId: 'noConfig', resource: 'Node/cp-1', path: '/proc/1002/cmdline', observed: '--encryption-provider-config unset' },
          ],
        },
        // One control plane on KMS v2, the other still on aescbc: the control fails on that one.
        {
          name: 'one of two control planes not on KMS v2',
          yaml: NODES_YAML + '---\n' + cp2,
          inventory: withReports(KMS_V2, controlPlaneReport('cp-2'), workerReport()),
          findings: [{ messageId: 'notKmsV2', resource: 'Node/cp-2', path: ENC, observed: 'aescbc, identity' }],
        },
      ],
      unjudgeable: [
        { name: 'no node report at all', status: 'not-assessed', yaml: NODES_YAML },
        { name: 'no report for the control-plane node', status: 'not-assessed', yaml: NODES_YAML, inventory: withReports(workerReport()) },
        {
          name: 'the configuration could not be read',
          status: 'not-assessed',
          yaml: NODES_YAML,
          inventory: withReports({
            ...controlPlaneReport(),
            encryption: undefined,
            problems: [{ what: 'encryption', path: ENC, reason: 'cannot read (EACCES)' }],
          }),
        },
        {
          name: 'kms first in a report that predates kmsApiVersions',
          status: 'not-assessed',
          reason:
            "node cp-1: the node report does not give the KMS provider's apiVersion (written by an older node agent: run kaudit node again)",
          yaml: NODES_YAML,
          inventory: withReports(withProviders([{ resources: ['secrets'], providers: ['kms'] }])),
        },
        {
          name: 'managed control plane',
          status: 'not-applicable',
          yaml: NODES_YAML,
          inventory: (inv) => ((inv.platform = 'eks'), withReports(workerReport())(inv)),
        },
      ],
    },
    it,
  );
});

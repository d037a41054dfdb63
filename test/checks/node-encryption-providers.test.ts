import { describe, it } from '@jest/globals';
import check from '../../checks/node-encryption-providers.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import type { NodeReport } from '../../src/core/node-report.js';
import { controlPlaneReport, NODES_YAML, withReports, workerReport } from '../support/node-reports.js';

const ENC = '/etc/kubernetes/enc/encryption.yaml';
const withProviders = (resources: NonNullable<NodeReport['encryption']>['resources']): NodeReport => ({
  ...controlPlaneReport(),
  encryption: { ...controlPlaneReport().encryption!, resources },
});

describe('node-encryption-providers', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'aescbc first for secrets', yaml: NODES_YAML, inventory: withReports(controlPlaneReport(), workerReport()) },
        {
          name: 'kms first, through a wildcard',
          yaml: NODES_YAML,
          inventory: withReports(withProviders([{ resources: ['*.*'], providers: ['kms', 'identity'] }]), workerReport()),
        },
      ],
      fail: [
        {
          name: 'identity first',
          yaml: NODES_YAML,
          inventory: withReports(
            withProviders([{ resources: ['configmaps', 'secrets'], providers: ['identity', 'aescbc'] }]),
            workerReport(),
          ),
          findings: [
            {
              messageId: 'weakProvider',
              resource: 'Node/cp-1',
              path: ENC,
              message: `node cp-1: ${ENC} (kube-apiserver --encryption-provider-config) encrypts secrets with identity first (providers: identity, aescbc)`,
              observed: 'identity, aescbc',
              expected: 'aescbc, kms, secretbox first',
            },
          ],
        },
        {
          name: 'aesgcm first',
          yaml: NODES_YAML,
          inventory: withReports(withProviders([{ resources: ['secrets'], providers: ['aesgcm'] }])),
          findings: [{ messageId: 'weakProvider', resource: 'Node/cp-1', path: ENC }],
        },
        {
          name: 'secrets not listed',
          yaml: NODES_YAML,
          inventory: withReports(withProviders([{ resources: ['configmaps'], providers: ['aescbc'] }])),
          findings: [
            {
              messageId: 'notCovered',
              resource: 'Node/cp-1',
              path: ENC,
              observed: 'configmaps',
              expected: 'a resource list including secrets',
            },
          ],
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
            {
              messageId: 'noConfig',
              resource: 'Node/cp-1',
              path: '/proc/1002/cmdline',
              message: 'node cp-1: kube-apiserver runs without --encryption-provider-config: Secrets are stored unencrypted',
            },
          ],
        },
      ],
      unjudgeable: [
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
        { name: 'no report for the control-plane node', status: 'not-assessed', yaml: NODES_YAML, inventory: withReports(workerReport()) },
        {
          name: 'managed control plane',
          status: 'not-applicable',
          yaml: NODES_YAML,
          inventory: (inv) => ((inv.platform = 'gke'), withReports(workerReport())(inv)),
        },
      ],
    },
    it,
  );
});

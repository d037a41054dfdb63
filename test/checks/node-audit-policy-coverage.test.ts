import { describe, it } from '@jest/globals';
import check from '../../checks/node-audit-policy-coverage.js';
import { CheckTester } from '../../src/testing/check-tester.js';
import type { AuditRule, NodeReport } from '../../src/core/node-report.js';
import { controlPlaneReport, NODES_YAML, withReports, workerReport } from '../support/node-reports.js';

const POLICY = '/etc/kubernetes/audit/policy.yaml';
const withRules = (rules: AuditRule[]): NodeReport => ({
  ...controlPlaneReport(),
  auditPolicy: { ...controlPlaneReport().auditPolicy!, rules },
});

describe('node-audit-policy-coverage', () => {
  new CheckTester(check).register(
    {
      pass: [
        {
          name: 'metadata for secrets, full for pods and deployments',
          yaml: NODES_YAML,
          inventory: withReports(controlPlaneReport(), workerReport()),
        },
        { name: 'Metadata for everything', yaml: NODES_YAML, inventory: withReports(withRules([{ level: 'Metadata' }])) },
        {
          name: 'a None rule for one user only does not hide anything',
          yaml: NODES_YAML,
          inventory: withReports(
            withRules([
              { level: 'None', users: ['system:kube-proxy'] },
              {
                level: 'Metadata',
                resources: [
                  { group: '', resources: ['*'] },
                  { group: 'apps', resources: ['deployments'] },
                  { group: 'authentication.k8s.io' },
                ],
              },
            ]),
          ),
        },
      ],
      fail: [
        {
          name: 'RequestResponse for everything logs secret values',
          yaml: NODES_YAML,
          inventory: withReports(withRules([{ level: 'RequestResponse' }])),
          findings: [
            'get secrets',
            'create secrets',
            'get configmaps',
            'update configmaps',
            'create authentication.k8s.io/tokenreviews',
          ].map((request) => ({
            messageId: 'bodiesLogged',
            resource: 'Node/cp-1',
            path: POLICY,
            message: `node cp-1: ${POLICY} logs ${request} at RequestResponse (rule 1): secret values would be written to the audit log`,
            observed: `${request}: RequestResponse (rule 1)`,
            expected: 'Metadata or None',
          })),
        },
        {
          name: 'only secrets are audited: exec, port-forward, proxy and workload changes go unlogged',
          yaml: NODES_YAML,
          inventory: withReports(
            withRules([
              {
                level: 'Metadata',
                resources: [
                  { group: '', resources: ['secrets', 'configmaps'] },
                  { group: 'authentication.k8s.io', resources: ['tokenreviews'] },
                ],
              },
              { level: 'None', resources: [{ group: '', resources: ['pods/*'] }] },
            ]),
          ),
          // pods/* matches pods and all its subresources (rule 2); nothing matches services/proxy or deployments.
          findings: (
            [
              ['create pods/exec', ', rule 2'],
              ['create pods/portforward', ', rule 2'],
              ['get pods/proxy', ', rule 2'],
              ['get services/proxy', ', no rule matches'],
              ['create pods', ', rule 2'],
              ['delete pods', ', rule 2'],
              ['create apps/deployments', ', no rule matches'],
              ['patch apps/deployments', ', no rule matches'],
            ] as const
          ).map(([request, rule]) => ({
            messageId: 'notLogged',
            resource: 'Node/cp-1',
            path: POLICY,
            message: `node cp-1: ${POLICY} does not audit ${request} (level None${rule})`,
            observed: `${request}: None${rule}`,
            expected: 'Metadata or more',
          })),
        },
        {
          name: 'no --audit-policy-file',
          yaml: NODES_YAML,
          inventory: withReports({
            ...controlPlaneReport(),
            auditPolicy: undefined,
            components: controlPlaneReport().components.map((c) => (c.name === 'kube-apiserver' ? { ...c, flags: {} } : c)),
          }),
          findings: [
            {
              messageId: 'noPolicy',
              resource: 'Node/cp-1',
              path: '/proc/1002/cmdline',
              message: 'node cp-1: kube-apiserver runs without --audit-policy-file: nothing is audited',
            },
          ],
        },
      ],
      unjudgeable: [
        {
          name: 'the policy could not be read',
          status: 'not-assessed',
          yaml: NODES_YAML,
          inventory: withReports({
            ...controlPlaneReport(),
            auditPolicy: undefined,
            problems: [{ what: 'auditPolicy', path: POLICY, reason: 'not an audit Policy with rules' }],
          }),
        },
        {
          name: 'managed control plane',
          status: 'not-applicable',
          yaml: NODES_YAML,
          inventory: (inv) => ((inv.platform = 'aks'), withReports(workerReport())(inv)),
        },
      ],
    },
    it,
  );
});

import type { AuditPolicySummary, NodeComponent } from '../src/core/node-report.js';
import { nodeReportExample } from './_shared/node-files.js';
import { LEVEL_ORDER, levelFor, type AuditRequest } from './_shared/audit-policy.js';
import { apiserverFileSubject, cmdlineOf, NO_APISERVER, nodeHostCheck } from './_shared/node-host.js';

interface Subject {
  node: string;
  apiserver: NodeComponent;
  policy?: AuditPolicySummary;
}

/** Objects whose request and response bodies hold secret values: Metadata at most. */
const SENSITIVE: AuditRequest[] = [
  { group: '', resource: 'secrets', verb: 'get' },
  { group: '', resource: 'secrets', verb: 'create' },
  { group: '', resource: 'configmaps', verb: 'get' },
  { group: '', resource: 'configmaps', verb: 'update' },
  { group: 'authentication.k8s.io', resource: 'tokenreviews', verb: 'create' },
];
/** What CIS names as key concerns: Metadata at least. */
const MUST_LOG: AuditRequest[] = [
  { group: '', resource: 'pods/exec', verb: 'create' },
  { group: '', resource: 'pods/portforward', verb: 'create' },
  { group: '', resource: 'pods/proxy', verb: 'get' },
  { group: '', resource: 'services/proxy', verb: 'get' },
  { group: '', resource: 'pods', verb: 'create' },
  { group: '', resource: 'pods', verb: 'delete' },
  { group: 'apps', resource: 'deployments', verb: 'create' },
  { group: 'apps', resource: 'deployments', verb: 'patch' },
];

const what = (r: AuditRequest): string => `${r.verb} ${r.group ? `${r.group}/` : ''}${r.resource}`;
const atLeast = (level: string, min: string): boolean => LEVEL_ORDER.indexOf(level as never) >= LEVEL_ORDER.indexOf(min as never);

export default nodeHostCheck<Subject, 'noPolicy' | 'bodiesLogged' | 'notLogged'>({
  meta: {
    id: 'node-audit-policy-coverage',
    title: 'The audit policy covers the key security concerns',
    description:
      "An audit log is only as useful as its policy. CIS 3.2.2 asks that it records changes to pods and deployments and the use of pods/exec, pods/portforward, pods/proxy and services/proxy (at least Metadata), and that it logs requests for Secrets, ConfigMaps and TokenReviews at Metadata only, so secret values never land in the audit log. Judged on the policy file each control-plane node's API server reads, with the API server's own rule matching (first matching rule wins, no match means None), for an ordinary user in an ordinary namespace.",
    severity: 'medium',
    messages: {
      noPolicy: 'node {{node}}: kube-apiserver runs without --audit-policy-file: nothing is audited',
      bodiesLogged:
        'node {{node}}: {{path}} logs {{request}} at {{level}} (rule {{rule}}): secret values would be written to the audit log',
      notLogged: 'node {{node}}: {{path}} does not audit {{request}} (level {{level}}{{ruleNote}})',
    },
    remediation:
      'Add rules near the top of the audit policy: level Metadata for secrets, configmaps and tokenreviews; at least Metadata for pods/exec, pods/portforward, pods/proxy, services/proxy and for changes to pods and deployments. Then restart the API server.',
    example: nodeReportExample(
      'cp-1',
      'control-plane, worker',
      [],
      [
        'components: [{name: kube-apiserver, pid: 2107, flags: {audit-policy-file: /etc/kubernetes/audit/policy.yaml}}]',
        'auditPolicy:',
        '  path: /etc/kubernetes/audit/policy.yaml',
        '  source: kube-apiserver --audit-policy-file',
        '  rules: [{level: RequestResponse}]',
      ],
    ),
    references: ['CIS Kubernetes Benchmark 3.2.2', 'https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/#audit-policy'],
  },
  scope: 'control-plane',
  noSubjects: NO_APISERVER,
  subjectsOf: (report) =>
    apiserverFileSubject(report, 'audit-policy-file', 'auditPolicy', 'the audit policy', Boolean(report.auditPolicy), (apiserver) => ({
      node: report.node,
      apiserver,
      policy: report.auditPolicy,
    })),
  evaluate({ node, apiserver, policy }, ctx) {
    if (!policy) {
      ctx.report({
        messageId: 'noPolicy',
        path: cmdlineOf(apiserver),
        observed: '--audit-policy-file unset',
        expected: 'set',
        data: { node },
      });
      return;
    }
    for (const req of SENSITIVE) {
      const { level, rule } = levelFor(policy.rules, req);
      if (atLeast(level, 'Request'))
        ctx.report({
          messageId: 'bodiesLogged',
          path: policy.path,
          observed: `${what(req)}: ${level} (rule ${rule! + 1})`,
          expected: 'Metadata or None',
          data: { node, path: policy.path, request: what(req), level, rule: rule! + 1 },
        });
    }
    for (const req of MUST_LOG) {
      const { level, rule } = levelFor(policy.rules, req);
      const ruleNote = rule === undefined ? ', no rule matches' : `, rule ${rule + 1}`;
      if (!atLeast(level, 'Metadata'))
        ctx.report({
          messageId: 'notLogged',
          path: policy.path,
          observed: `${what(req)}: ${level}${ruleNote}`,
          expected: 'Metadata or more',
          data: { node, path: policy.path, request: what(req), level, ruleNote },
        });
    }
  },
});

import { describe, it } from '@jest/globals';
import check from '../../checks/namespace-pss-enforce-restricted.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const LABEL = '/metadata/labels/pod-security.kubernetes.io~1enforce';

const enforced = `
apiVersion: v1
kind: Namespace
metadata:
  name: secure
  labels: {pod-security.kubernetes.io/enforce: restricted, pod-security.kubernetes.io/enforce-version: v1.30}
---
apiVersion: v1
kind: Namespace
metadata: {name: kube-system}
`;

/** An unlabelled namespace with seven privileged pods. */
const crowded = [
  'apiVersion: v1\nkind: Namespace\nmetadata: {name: batch}',
  ...[1, 2, 3, 4, 5, 6, 7].map(
    (i) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: job-${i}, namespace: batch}\nspec:\n  containers:\n  - {name: task, image: busybox:1.36, securityContext: {privileged: true}}`,
  ),
].join('\n---\n');

/** enforce-version "1.21" lacks the "v" Pod Security Admission requires: it evaluates as latest. */
const badVersion = `
apiVersion: v1
kind: Namespace
metadata:
  name: pinned
  labels: {pod-security.kubernetes.io/enforce: baseline, pod-security.kubernetes.io/enforce-version: "1.21"}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: pinned}
spec:
  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
  containers:
  - {name: app, image: registry.example.com/web:1.0, securityContext: {allowPrivilegeEscalation: false}}
`;

describe('namespace-pss-enforce-restricted', () => {
  new CheckTester(check).register(
    {
      pass: [{ name: 'restricted enforced; kube-system skipped', yaml: enforced }],
      fail: [
        {
          fixture: 'namespaces.yaml',
          findings: [
            {
              messageId: 'unset',
              resource: 'Namespace/shop',
              path: LABEL,
              message:
                'namespace shop has no pod-security.kubernetes.io/enforce label; if it enforced restricted:latest, 2 workloads would be rejected: Deployment/api, Pod/debug',
              observed: 'unset',
              expected: 'restricted',
            },
            {
              messageId: 'below',
              resource: 'Namespace/team',
              path: LABEL,
              message:
                'namespace team enforces baseline, below restricted; if it enforced restricted:v1.21, 1 workload would be rejected: StatefulSet/db',
              observed: 'baseline',
            },
            {
              messageId: 'below',
              resource: 'Namespace/legacy',
              path: LABEL,
              message:
                'namespace legacy enforces privileged, below restricted; if it enforced restricted:latest, no workload would be rejected',
              observed: 'privileged',
            },
            {
              messageId: 'invalid',
              resource: 'Namespace/typo',
              path: LABEL,
              message:
                'namespace typo has an invalid pod-security.kubernetes.io/enforce label "Restricted" (the admission controller falls back to restricted:latest and logs an error); if it enforced restricted:latest, no workload would be rejected',
              observed: 'Restricted',
            },
          ],
        },
        {
          name: 'the pssVersion option sets the what-if version where no enforce-version label does',
          fixture: 'namespaces.yaml',
          options: { pssVersion: 'v1.21' },
          findings: [
            {
              messageId: 'unset',
              resource: 'Namespace/shop',
              path: LABEL,
              message:
                'namespace shop has no pod-security.kubernetes.io/enforce label; if it enforced restricted:v1.21, 1 workload would be rejected: Pod/debug',
            },
            {
              messageId: 'below',
              resource: 'Namespace/team',
              path: LABEL,
              message:
                'namespace team enforces baseline, below restricted; if it enforced restricted:v1.21, 1 workload would be rejected: StatefulSet/db',
            },
            {
              messageId: 'below',
              resource: 'Namespace/legacy',
              path: LABEL,
              message:
                'namespace legacy enforces privileged, below restricted; if it enforced restricted:v1.21, no workload would be rejected',
            },
            { messageId: 'invalid', resource: 'Namespace/typo', path: LABEL },
          ],
        },
        {
          name: 'kube-system is judged when not skipped',
          fixture: 'namespaces.yaml',
          options: { skipNamespaces: ['shop', 'team', 'legacy', 'typo'] },
          findings: [
            {
              messageId: 'unset',
              resource: 'Namespace/kube-system',
              path: LABEL,
              message:
                'namespace kube-system has no pod-security.kubernetes.io/enforce label; if it enforced restricted:latest, 1 workload would be rejected: Pod/kube-proxy-7xk2p',
            },
          ],
        },
        {
          name: 'the first five names, then "and N more"',
          yaml: crowded,
          findings: [
            {
              messageId: 'unset',
              resource: 'Namespace/batch',
              path: LABEL,
              message:
                'namespace batch has no pod-security.kubernetes.io/enforce label; if it enforced restricted:latest, 7 workloads would be rejected: Pod/job-1, Pod/job-2, Pod/job-3, Pod/job-4, Pod/job-5 and 2 more',
            },
          ],
        },
        {
          name: 'an enforce-version label Pod Security Admission cannot parse evaluates as latest',
          yaml: badVersion,
          options: { pssVersion: 'v1.21' },
          findings: [
            {
              messageId: 'below',
              resource: 'Namespace/pinned',
              path: LABEL,
              message:
                'namespace pinned enforces baseline, below restricted; if it enforced restricted:latest, 1 workload would be rejected: Pod/web',
            },
          ],
        },
      ],
      unjudgeable: [
        {
          name: 'no Namespace object in the input',
          yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop}\nspec:\n  containers:\n  - {name: app, image: nginx:1.27}',
          status: 'not-assessed',
        },
      ],
    },
    it,
  );
});

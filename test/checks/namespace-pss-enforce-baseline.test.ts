import { describe, it } from '@jest/globals';
import check from '../../checks/namespace-pss-enforce-baseline.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const LABEL = '/metadata/labels/pod-security.kubernetes.io~1enforce';

const enforced = `
apiVersion: v1
kind: Namespace
metadata:
  name: team
  labels: {pod-security.kubernetes.io/enforce: baseline}
---
apiVersion: v1
kind: Namespace
metadata:
  name: secure
  labels: {pod-security.kubernetes.io/enforce: restricted}
---
apiVersion: v1
kind: Namespace
metadata: {name: kube-node-lease}
`;

describe('namespace-pss-enforce-baseline', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: 'baseline or restricted enforced; kube-node-lease skipped', yaml: enforced },
        {
          name: 'failing namespaces skipped by option',
          fixture: 'namespaces.yaml',
          options: { skipNamespaces: ['kube-system', 'shop', 'legacy', 'typo'] },
        },
      ],
      fail: [
        {
          fixture: 'namespaces.yaml',
          findings: [
            {
              messageId: 'unset',
              resource: 'Namespace/shop',
              path: LABEL,
              message:
                'namespace shop has no pod-security.kubernetes.io/enforce label; if it enforced baseline:latest, 1 workload would be rejected: Pod/debug; if it enforced restricted:latest, 2 workloads would be rejected: Deployment/api, Pod/debug',
              observed: 'unset',
              expected: 'baseline or restricted',
            },
            {
              messageId: 'below',
              resource: 'Namespace/legacy',
              path: LABEL,
              message:
                'namespace legacy enforces privileged, below baseline; if it enforced baseline:latest, no workload would be rejected; if it enforced restricted:latest, no workload would be rejected',
              observed: 'privileged',
              expected: 'baseline or restricted',
            },
            {
              messageId: 'invalid',
              resource: 'Namespace/typo',
              path: LABEL,
              message:
                'namespace typo has an invalid pod-security.kubernetes.io/enforce label "Restricted" (the admission controller falls back to restricted:latest and logs an error); if it enforced baseline:latest, no workload would be rejected; if it enforced restricted:latest, no workload would be rejected',
              observed: 'Restricted',
            },
          ],
        },
        {
          name: 'kube-system is judged when not skipped',
          fixture: 'namespaces.yaml',
          options: { skipNamespaces: ['shop', 'legacy', 'typo'], pssVersion: 'v1.30' },
          findings: [
            {
              messageId: 'unset',
              resource: 'Namespace/kube-system',
              path: LABEL,
              message:
                'namespace kube-system has no pod-security.kubernetes.io/enforce label; if it enforced baseline:v1.30, 1 workload would be rejected: Pod/kube-proxy-7xk2p; if it enforced restricted:v1.30, 1 workload would be rejected: Pod/kube-proxy-7xk2p',
            },
          ],
        },
      ],
      unjudgeable: [{ name: 'no Namespace object in the input', yaml: '', status: 'not-assessed' }],
    },
    it,
  );
});

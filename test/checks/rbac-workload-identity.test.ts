import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import check from '../../checks/rbac-workload-identity.js';
import { exposureOf } from '../../checks/_shared/rbac-exposure.js';
import { podSpecSubjects } from '../../checks/_shared/workloads.js';
import { isUnjudgeable } from '../../src/core/check.js';
import { packageRoot } from '../../src/io/package-root.js';
import { inventoryFromManifests } from '../../src/offline/manifests.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const fixture = (name: string): string => readFileSync(join(packageRoot(), 'test', 'fixtures', 'rbac-workload-identity', name), 'utf8');
const EXPECTED =
  'a service account without cluster-admin power, escalation paths, cluster-wide secret access or pod creation/exec, or no mounted token';

describe('rbac-workload-identity', () => {
  new CheckTester(check).register(
    {
      // skipSubjects [] so that kube-system accounts are judged: a mirror pod still runs as none.
      pass: ['pass-no-token-or-power.yaml', { fixture: 'pass-mirror-pod.yaml', options: { skipSubjects: [] } }],
      fail: [
        {
          fixture: 'fail-identities.yaml',
          findings: [
            {
              messageId: 'identity',
              resource: 'Deployment/shop/web',
              path: '/spec/template/spec/serviceAccountName',
              message:
                'Deployment shop/web runs as ServiceAccount shop/web with its token mounted, which can read secrets cluster-wide, and is exposed by Service shop/web (LoadBalancer)',
              observed: 'can read secrets cluster-wide [ClusterRoleBinding web-secrets → ClusterRole secret-reader: get,list on secrets]',
              expected: EXPECTED,
            },
            {
              messageId: 'identity',
              resource: 'Deployment/legacy/old-app',
              path: '/spec/template/spec/serviceAccountName',
              message:
                'Deployment legacy/old-app runs as ServiceAccount legacy/default with its token mounted, which holds every verb on every resource cluster-wide',
              observed:
                '1. ServiceAccount legacy/default holds every verb on every resource cluster-wide → cluster-admin [ClusterRoleBinding legacy-default-admin → ClusterRole cluster-admin: * on *.*]',
            },
            {
              messageId: 'identity',
              resource: 'Pod/tools/debugger',
              path: '/spec/serviceAccountName',
              message:
                'Pod tools/debugger runs as ServiceAccount tools/debugger with its token mounted, which can exec into pods in namespace tools',
              observed: 'can exec into pods in namespace tools [RoleBinding tools/debugger-exec → Role exec: create on pods/exec]',
              podCount: 1,
            },
            {
              messageId: 'identity',
              resource: 'CronJob/ci/nightly',
              path: '/spec/jobTemplate/spec/template/spec/serviceAccountName',
              message:
                'CronJob ci/nightly runs as ServiceAccount ci/nightly with its token mounted, which can create pods or workloads in namespace ci',
              observed: 'can create pods or workloads in namespace ci [RoleBinding ci/nightly-runner → Role runner: create on jobs.batch]',
            },
          ],
        },
        {
          fixture: 'fail-kube-system-pod.yaml',
          options: { skipSubjects: [] },
          findings: [
            {
              messageId: 'identity',
              resource: 'Pod/kube-system/node-debugger',
              path: '/spec/serviceAccountName',
              message:
                'Pod kube-system/node-debugger runs as ServiceAccount kube-system/default with its token mounted, which holds every verb on every resource cluster-wide',
              podCount: 1,
            },
          ],
        },
      ],
    },
    it,
  );

  it('lists exposed workloads first, then by power, then by pods', () => {
    const { inventory } = inventoryFromManifests([{ name: 'fail', text: fixture('fail-identities.yaml') }]);
    const selected = check.select(inventory, check.meta.options!.defaults);
    if (isUnjudgeable(selected)) throw new Error('not judged');
    expect([...selected].map((w) => `${w.object.kind}/${w.object.metadata.name} ${w.power.level}`)).toEqual([
      'Deployment/web secrets-cluster-wide',
      'Deployment/old-app cluster-admin',
      'Pod/debugger pods',
      'CronJob/nightly pods',
    ]);
  });
});

describe('exposure', () => {
  const yaml = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api, image: api:1}]}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec: {type: ClusterIP, selector: {app: api}}
---
apiVersion: v1
kind: Service
metadata: {name: api-node, namespace: shop}
spec: {type: NodePort, selector: {app: api}}
---
apiVersion: v1
kind: Service
metadata: {name: api-ips, namespace: shop}
spec: {type: ClusterIP, externalIPs: [203.0.113.7], selector: {app: api}}
---
apiVersion: v1
kind: Service
metadata: {name: api-elsewhere, namespace: other}
spec: {type: LoadBalancer, selector: {app: api}}
---
apiVersion: v1
kind: Service
metadata: {name: everything, namespace: shop}
spec: {type: LoadBalancer, selector: {}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: public, namespace: shop}
spec:
  rules:
  - http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}
      - {path: /missing, pathType: Prefix, backend: {service: {name: gone, port: {number: 80}}}}
`;
  it('names the Services exposed as the exposure checks judge them (NodePort, LoadBalancer, externalIPs) and Ingresses that select a workload in its namespace, never an empty selector', () => {
    const { inventory } = inventoryFromManifests([{ name: 'inline', text: yaml }]);
    const [api] = podSpecSubjects(inventory);
    expect(exposureOf(inventory, api!)).toEqual([
      'Service shop/api-node (NodePort)',
      'Service shop/api-ips (externalIPs 203.0.113.7)',
      'Ingress shop/public → Service shop/api',
    ]);
  });
});

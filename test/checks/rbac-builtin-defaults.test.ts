import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import check from '../../checks/rbac-builtin-defaults.js';
import { BUILTIN_RBAC_DEFAULTS, defaultsFor, serverMinor } from '../../checks/_shared/rbac-defaults.js';
import type { Inventory } from '../../src/core/inventory.js';
import { demoClusterDir } from '../../src/demo/inventory.js';
import { CheckTester } from '../../src/testing/check-tester.js';

const at =
  (minor: string, gitVersion = `v1.${minor}.2`) =>
  (inv: Inventory) => {
    inv.version = { major: '1', minor, gitVersion };
    inv.collected.push('version');
  };
const DEFAULTS_134 = 'the Kubernetes 1.34 defaults (aks-lts/kubernetes@ec451e29abec)';
const NEAREST_134 = `${DEFAULTS_134}; defaults of 1.34, the nearest minor kaudit has data for (server 1.33)`;
/** The demo cluster's RBAC: kubeadm's built-ins as a 1.33 API server creates them, plus the demo's own roles. */
const DEMO_RBAC = readFileSync(join(demoClusterDir(), '30-rbac.yaml'), 'utf8');

describe('rbac-builtin-defaults', () => {
  new CheckTester(check).register(
    {
      pass: [
        { name: "a kubeadm cluster's built-in roles and bindings (demo cluster, 1.33)", yaml: DEMO_RBAC, inventory: at('33', 'v1.33.4') },
        {
          name: 'the widening ClusterRole is allowed by option',
          fixture: 'fail-widened-view.yaml',
          inventory: at('34'),
          options: { allowedAggregations: ['secrets-*'] },
        },
      ],
      fail: [
        {
          name: 'a ClusterRole labelled aggregate-to-view grants Secrets',
          fixture: 'fail-widened-view.yaml',
          inventory: at('34'),
          findings: [
            {
              messageId: 'widened',
              resource: 'ClusterRole/view',
              path: '/rules',
              message:
                'ClusterRole view grants more than its Kubernetes 1.34 default: get,list on secrets (from ClusterRole secrets-for-viewers)',
              observed: 'get,list on secrets (from ClusterRole secrets-for-viewers)',
              expected: DEFAULTS_134,
            },
          ],
        },
        {
          name: 'rules added to system:basic-user, a subject to cluster-admin, another role for system:discovery (server 1.33)',
          fixture: 'fail-changed-builtins.yaml',
          inventory: at('33'),
          findings: [
            {
              messageId: 'widened',
              resource: 'ClusterRole/system:basic-user',
              path: '/rules',
              message: 'ClusterRole system:basic-user grants more than its Kubernetes 1.34 default: create on pods/exec; get on /metrics',
              expected: NEAREST_134,
            },
            {
              messageId: 'subjects',
              resource: 'ClusterRoleBinding/cluster-admin',
              path: '/subjects/1',
              message:
                'ClusterRoleBinding cluster-admin binds ClusterRole cluster-admin to ServiceAccount ci/deployer beyond its Kubernetes 1.34 default (Group system:masters)',
              observed: 'added: ServiceAccount ci/deployer',
            },
            {
              messageId: 'roleRef',
              resource: 'ClusterRoleBinding/system:discovery',
              path: '/roleRef',
              message:
                'ClusterRoleBinding system:discovery binds ClusterRole cluster-admin instead of its Kubernetes 1.34 default system:discovery',
              observed: 'roleRef ClusterRole cluster-admin',
            },
          ],
        },
      ],
      unjudgeable: [
        {
          name: 'no server version (plain manifests)',
          fixture: 'fail-changed-builtins.yaml',
          status: 'not-assessed',
          reason:
            'the server version is unknown (not read; --manifests carry none): the built-in defaults depend on it (kaudit has them for 1.27, 1.34)',
        },
        {
          name: 'a server newer than the data',
          fixture: 'fail-changed-builtins.yaml',
          inventory: at('36'),
          status: 'not-assessed',
          reason:
            'Kubernetes 1.36 (server version v1.36.2) is newer than the built-in RBAC defaults kaudit has (1.27, 1.34): update kaudit',
        },
      ],
    },
    it,
  );

  it('picks the exact minor, else the nearest newer one, and reads the minor from GET /version', () => {
    expect(serverMinor({ major: '1', minor: '33+', gitVersion: 'v1.33.1-eks-1' })).toEqual({
      minor: 33,
      source: 'server version v1.33.1-eks-1',
    });
    expect(serverMinor({ major: '1', minor: '', gitVersion: 'v1.30.4' })).toEqual({ minor: 30, source: 'server version v1.30.4' });
    expect(serverMinor(undefined)).toBeUndefined();
    const pick = (minor: number) => {
      const c = defaultsFor({ minor, source: 's' });
      return 'newerThan' in c ? `not assessed (newest ${c.newerThan})` : `${c.defaults.minor}${c.nearest ? ' nearest' : ''}`;
    };
    expect([26, 27, 28, 33, 34, 35].map(pick)).toEqual(['27 nearest', '27', '34 nearest', '34 nearest', '34', 'not assessed (newest 34)']);
  });

  it.each(BUILTIN_RBAC_DEFAULTS.map((d) => [d.minor, d] as const))('the 1.%i defaults, served as objects, raise nothing', (minor, d) => {
    const docs = [
      ...Object.entries(d.clusterRoles).map(([name, r]) => ({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name, labels: r.labels },
        aggregationRule: r.aggregationRule,
        rules: r.rules,
      })),
      ...Object.entries(d.clusterRoleBindings).map(([name, b]) => ({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: b.role },
        subjects: b.subjects,
      })),
    ];
    const { findings, outcome } = new CheckTester(check).run({
      yaml: docs.map((x) => JSON.stringify(x)).join('\n---\n'),
      inventory: at(String(minor)),
    });
    expect(outcome.unjudgeable).toBeUndefined();
    expect(outcome.judged).toBe(0);
    expect(findings).toEqual([]);
  });

  it('ships the data with its provenance', () => {
    expect(
      BUILTIN_RBAC_DEFAULTS.map((d) => [
        d.minor,
        d.rolesSource.repository,
        d.rolesSource.commit,
        Object.keys(d.clusterRoles).length,
        Object.keys(d.clusterRoleBindings).length,
      ]),
    ).toEqual([
      [27, 'kubernetes/kubernetes', '025f2834a128798cef30018a5e6a6ae82b5ad885', 31, 12],
      [34, 'aks-lts/kubernetes', 'ec451e29abeced580a69170d5e4633da583964a6', 31, 12],
    ]);
  });
});

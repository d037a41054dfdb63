import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { identityIndex, identityOf, implicitGroups, serviceAccountIdentity } from '../../checks/_shared/rbac-identities.js';
import { rbacIndex } from '../../checks/_shared/rbac-index.js';
import { grantsFor, nonResourceURLMatches, ruleAllows, whoCan, whoCanJson, type AuthzRequest } from '../../checks/_shared/rbac-who-can.js';
import { packageRoot } from '../../src/io/package-root.js';
import { inventoryFromManifests } from '../../src/offline/manifests.js';

const fixture = () =>
  inventoryFromManifests([
    { name: 'authorizer.yaml', text: readFileSync(join(packageRoot(), 'test', 'fixtures', 'rbac-model', 'authorizer.yaml'), 'utf8') },
  ]).inventory;

/**
 * The expected decisions of the RBAC authorizer (plugin/pkg/auth/authorizer/rbac) for the fixture:
 * request → the identities allowed, as Kind/name keys.
 */
const GOLDEN: [string, AuthzRequest, string[]][] = [
  [
    'aggregated, RoleBinding to a ClusterRole, SA subject without namespace, wildcard get',
    { verb: 'get', group: '', resource: 'secrets', namespace: 'shop' },
    ['Group/monitoring-team', 'ServiceAccount/ci/builder', 'ServiceAccount/shop/api', 'User/alice'],
  ],
  [
    'RoleBindings of another namespace do not apply',
    { verb: 'get', group: '', resource: 'secrets', namespace: 'payments' },
    ['Group/monitoring-team', 'ServiceAccount/ci/builder'],
  ],
  [
    'a request without namespace is granted by ClusterRoleBindings only',
    { verb: 'list', group: '', resource: 'secrets' },
    ['Group/monitoring-team'],
  ],
  ['a verb no rule names', { verb: 'delete', group: '', resource: 'secrets', namespace: 'shop' }, []],
  [
    'a group subject of a RoleBinding (service accounts of a namespace)',
    { verb: 'list', group: '', resource: 'pods', namespace: 'shop' },
    ['Group/system:serviceaccounts:shop'],
  ],
  [
    'resourceNames: a request naming the object',
    { verb: 'get', group: '', resource: 'configmaps', name: 'app-config', namespace: 'x' },
    ['ServiceAccount/ci/builder', 'User/bob'],
  ],
  [
    'resourceNames: a request without a name is not granted',
    { verb: 'get', group: '', resource: 'configmaps', namespace: 'x' },
    ['ServiceAccount/ci/builder'],
  ],
  ['resourceNames: another name', { verb: 'update', group: '', resource: 'configmaps', name: 'other', namespace: 'x' }, []],
  [
    'a subresource through its own rule only in its namespace',
    { verb: 'create', group: '', resource: 'pods', subresource: 'exec', namespace: 'ci' },
    ['ServiceAccount/ci/builder'],
  ],
  ['pods/exec is not pods', { verb: 'create', group: '', resource: 'pods', namespace: 'ci' }, []],
  [
    "'*' in resources covers subresources",
    { verb: 'get', group: '', resource: 'pods', subresource: 'log', namespace: 'x' },
    ['ServiceAccount/ci/builder'],
  ],
  [
    "'*/scale' covers the scale subresource of every resource of the group",
    { verb: 'update', group: 'apps', resource: 'deployments', subresource: 'scale', namespace: 'x' },
    ['Group/scalers'],
  ],
  ["'*/scale' does not cover the resource itself", { verb: 'update', group: 'apps', resource: 'deployments', namespace: 'x' }, []],
  ['non-resource URL, exact', { verb: 'get', path: '/metrics' }, ['Group/system:monitoring']],
  ['non-resource URL, prefix with *', { verb: 'get', path: '/logs/kubelet.log' }, ['Group/system:monitoring']],
  ['non-resource URL not listed', { verb: 'get', path: '/healthz' }, []],
  ['non-resource URL with another verb', { verb: 'post', path: '/metrics' }, []],
  [
    'serviceaccounts/token restricted to a name',
    { verb: 'create', group: '', resource: 'serviceaccounts', subresource: 'token', name: 'cni', namespace: 'kube-system' },
    ['ServiceAccount/kube-system/calico-node'],
  ],
  [
    'serviceaccounts/token for another account',
    { verb: 'create', group: '', resource: 'serviceaccounts', subresource: 'token', name: 'default', namespace: 'kube-system' },
    [],
  ],
];

describe('who-can decides as the RBAC authorizer', () => {
  const inv = fixture();
  it.each(GOLDEN)('%s', (_name, request, expected) => {
    expect(
      whoCan(inv, request)
        .map((e) => e.identity.key)
        .sort(),
    ).toEqual(expected);
  });

  it('--all-namespaces adds the RoleBindings of every namespace', () => {
    expect(whoCan(inv, { verb: 'get', group: '', resource: 'secrets' }, { allNamespaces: true }).map((e) => e.identity.key)).toEqual([
      'ServiceAccount/shop/api',
      'User/alice',
      'Group/monitoring-team',
      'ServiceAccount/ci/builder',
    ]);
    // A RoleBinding never grants a non-resource URL, even with all namespaces.
    expect(whoCan(inv, { verb: 'get', path: '/metrics' }, { allNamespaces: true }).map((e) => e.identity.key)).toEqual([
      'Group/system:monitoring',
    ]);
  });

  it('merges a ServiceAccount subject and its system:serviceaccount: user into one subject, with each grant', () => {
    const [entry] = whoCan(inv, { verb: 'get', group: '', resource: 'pods', subresource: 'exec', namespace: 'ci' });
    expect(whoCanJson(entry!)).toEqual({
      kind: 'ServiceAccount',
      namespace: 'ci',
      name: 'builder',
      grants: [
        {
          binding: { kind: 'RoleBinding', namespace: 'ci', name: 'ci-exec' },
          subjectIndex: 0,
          role: { kind: 'ClusterRole', name: 'exec' },
          scope: 'namespace ci',
          rule: { apiGroups: [''], resources: ['pods/exec'], verbs: ['create', 'get'] },
        },
        {
          binding: { kind: 'ClusterRoleBinding', name: 'builder-get' },
          subjectIndex: 0,
          role: { kind: 'ClusterRole', name: 'wild-get' },
          scope: 'cluster-wide',
          rule: { apiGroups: ['*'], resources: ['*'], verbs: ['get'] },
        },
      ],
    });
  });

  it('names the aggregated role a rule comes from', () => {
    const [entry] = whoCan(inv, { verb: 'list', group: '', resource: 'secrets' });
    expect(whoCanJson(entry!).grants).toEqual([
      {
        binding: { kind: 'ClusterRoleBinding', name: 'monitoring-readers' },
        subjectIndex: 0,
        role: { kind: 'ClusterRole', name: 'monitoring' },
        aggregatedFrom: { kind: 'ClusterRole', name: 'secret-reader' },
        scope: 'cluster-wide',
        rule: { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] },
      },
    ]);
  });

  it('grants a service account what its implicit groups hold', () => {
    const web = serviceAccountIdentity('shop', 'web');
    expect(
      grantsFor(inv, web, { verb: 'list', group: '', resource: 'pods', namespace: 'shop' }).map((g) => g.sb.binding.metadata.name),
    ).toEqual(['pod-readers']);
    expect(grantsFor(inv, web, { verb: 'list', group: '', resource: 'pods', namespace: 'payments' })).toEqual([]);
  });
});

describe('identities', () => {
  it('reads service-account user names and implicit groups as the authenticator sets them', () => {
    expect(identityOf('User', 'system:serviceaccount:ci:builder')).toEqual({
      kind: 'ServiceAccount',
      namespace: 'ci',
      name: 'builder',
      key: 'ServiceAccount/ci/builder',
    });
    expect(identityOf('User', 'system:serviceaccount:ci')).toEqual({
      kind: 'User',
      name: 'system:serviceaccount:ci',
      key: 'User/system:serviceaccount:ci',
    });
    expect(identityOf('ServiceAccount', 'x')).toBeUndefined();
    expect(identityOf('Robot', 'x')).toBeUndefined();
    expect(implicitGroups(serviceAccountIdentity('ci', 'builder'))).toEqual([
      'system:serviceaccounts',
      'system:serviceaccounts:ci',
      'system:authenticated',
    ]);
    expect(implicitGroups(identityOf('User', 'system:anonymous')!)).toEqual(['system:unauthenticated']);
    expect(implicitGroups(identityOf('User', 'alice')!)).toEqual(['system:authenticated']);
    expect(implicitGroups(identityOf('Group', 'devs')!)).toEqual([]);
  });

  it('indexes every identity bindings name, once, leaving out dangling bindings and SA subjects without a namespace', () => {
    const ids = identityIndex(rbacIndex(fixture()));
    expect(ids.identities.map((i) => i.key)).toEqual([
      'ServiceAccount/shop/api',
      'User/alice',
      'Group/system:serviceaccounts:shop',
      'ServiceAccount/ci/builder',
      'User/carol',
      'Group/monitoring-team',
      'User/bob',
      'Group/scalers',
      'Group/system:monitoring',
      'ServiceAccount/kube-system/calico-node',
    ]);
    expect(ids.ownBindings('ServiceAccount/ci/builder').map((sb) => sb.binding.metadata.name)).toEqual(['ci-exec', 'builder-get']);
  });

  it('matches non-resource URLs exactly, by * prefix, or all with *', () => {
    expect(nonResourceURLMatches('/metrics', '/metrics')).toBe(true);
    expect(nonResourceURLMatches('/metrics', '/metrics/cadvisor')).toBe(false);
    expect(nonResourceURLMatches('/metrics*', '/metrics/cadvisor')).toBe(true);
    expect(nonResourceURLMatches('*', '/anything')).toBe(true);
    expect(ruleAllows({ nonResourceURLs: ['*'], verbs: ['*'] }, { verb: 'get', group: '', resource: 'pods' })).toBe(false);
    expect(ruleAllows({ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, { verb: 'get', path: '/healthz' })).toBe(false);
  });
});

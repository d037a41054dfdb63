import { describe, expect, it } from '@jest/globals';
import type { KObject } from '../../src/core/k8s.js';
import { type AccessRequest, grants, matchRules, type PolicyRule } from '../../checks/_shared/rbac-rules.js';
import { buildRbacIndex, rbacIndex, type RbacInventory } from '../../checks/_shared/rbac-index.js';
import { describeAccess, qualifiedResource, ruleShortForm } from '../../checks/_shared/rbac-wording.js';
import { DEFAULT_SKIP_SUBJECTS, globMatches, skipPatterns } from '../../checks/_shared/rbac-skip-subjects.js';

const RBAC = 'rbac.authorization.k8s.io/v1';
const clusterRole = (name: string, rules?: PolicyRule[], extra: Partial<KObject> & { labels?: Record<string, string> } = {}): KObject => {
  const { labels, ...rest } = extra;
  return { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name, ...(labels ? { labels } : {}) }, ...(rules ? { rules } : {}), ...rest };
};
const role = (namespace: string, name: string, rules: PolicyRule[]): KObject => ({
  apiVersion: RBAC,
  kind: 'Role',
  metadata: { name, namespace },
  rules,
});
const binding = (
  kind: 'RoleBinding' | 'ClusterRoleBinding',
  name: string,
  roleRef: { kind: string; name: string } | undefined,
  subjects: unknown[],
  namespace?: string,
): KObject => ({
  apiVersion: RBAC,
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}) },
  ...(roleRef ? { roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef } } : {}),
  subjects,
});
const inventory = (objects: Partial<RbacInventory>): RbacInventory => ({
  roles: [],
  clusterRoles: [],
  roleBindings: [],
  clusterRoleBindings: [],
  ...objects,
});

const getSecrets: AccessRequest = { verb: 'get', group: '', resource: 'secrets' };

describe('grants', () => {
  it('matches verbs, groups and resources exactly', () => {
    const rule = { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] };
    expect(grants(rule, getSecrets)).toEqual({});
    expect(grants(rule, { ...getSecrets, verb: 'watch' })).toBeUndefined();
    expect(grants(rule, { ...getSecrets, group: 'apps' })).toBeUndefined();
    expect(grants(rule, { ...getSecrets, resource: 'configmaps' })).toBeUndefined();
  });

  it("honours '*' in verbs, apiGroups and resources", () => {
    expect(grants({ apiGroups: [''], resources: ['secrets'], verbs: ['*'] }, { ...getSecrets, verb: 'escalate' })).toEqual({});
    expect(grants({ apiGroups: ['*'], resources: ['secrets'], verbs: ['get'] }, getSecrets)).toEqual({});
    expect(
      grants(
        { apiGroups: ['*'], resources: ['deployments'], verbs: ['create'] },
        { verb: 'create', group: 'apps', resource: 'deployments' },
      ),
    ).toEqual({});
    expect(grants({ apiGroups: [''], resources: ['*'], verbs: ['get'] }, getSecrets)).toEqual({});
  });

  it("covers subresources with '*' and '*/sub' only, not with the parent resource", () => {
    const proxy: AccessRequest = { verb: 'get', group: '', resource: 'nodes', subresource: 'proxy' };
    expect(grants({ apiGroups: [''], resources: ['*'], verbs: ['get'] }, proxy)).toEqual({});
    expect(grants({ apiGroups: [''], resources: ['*/proxy'], verbs: ['get'] }, proxy)).toEqual({});
    expect(grants({ apiGroups: [''], resources: ['nodes/proxy'], verbs: ['get'] }, proxy)).toEqual({});
    expect(grants({ apiGroups: [''], resources: ['nodes'], verbs: ['get'] }, proxy)).toBeUndefined();
    expect(grants({ apiGroups: [''], resources: ['*/status'], verbs: ['get'] }, proxy)).toBeUndefined();
    expect(
      grants({ apiGroups: [''], resources: ['nodes/proxy'], verbs: ['get'] }, { verb: 'get', group: '', resource: 'nodes' }),
    ).toBeUndefined();
  });

  it('reports a rule limited by resourceNames as restricted, and matches a named request', () => {
    const rule = { apiGroups: [''], resources: ['secrets'], resourceNames: ['a', 'b'], verbs: ['get', 'create', 'deletecollection'] };
    expect(grants(rule, getSecrets)).toEqual({ restrictedTo: ['a', 'b'] });
    expect(grants(rule, { ...getSecrets, name: 'a' })).toEqual({ restrictedTo: ['a'] });
    expect(grants(rule, { ...getSecrets, name: 'c' })).toBeUndefined();
    // create (of a top-level resource) and deletecollection are never authorised by name.
    expect(grants(rule, { ...getSecrets, verb: 'create' })).toBeUndefined();
    expect(grants(rule, { ...getSecrets, verb: 'deletecollection' })).toBeUndefined();
    expect(
      grants(
        { apiGroups: [''], resources: ['serviceaccounts/token'], resourceNames: ['cni'], verbs: ['create'] },
        { verb: 'create', group: '', resource: 'serviceaccounts', subresource: 'token' },
      ),
    ).toEqual({
      restrictedTo: ['cni'],
    });
  });

  it('never matches non-resource rules or malformed rules', () => {
    expect(grants({ nonResourceURLs: ['*'], verbs: ['*'] }, getSecrets)).toBeUndefined();
    expect(grants({ resources: ['secrets'], verbs: ['get'] }, getSecrets)).toBeUndefined();
    expect(grants({} as PolicyRule, getSecrets)).toBeUndefined();
  });
});

describe('buildRbacIndex', () => {
  const readSecrets = { apiGroups: [''], resources: ['secrets'], verbs: ['get'] };
  const listPods = { apiGroups: [''], resources: ['pods'], verbs: ['list'] };

  it('resolves RoleBindings to Roles of their namespace and to ClusterRoles, ClusterRoleBindings to ClusterRoles', () => {
    const r = role('shop', 'reader', [readSecrets]);
    const cr = clusterRole('pod-lister', [listPods]);
    const rb1 = binding('RoleBinding', 'to-role', { kind: 'Role', name: 'reader' }, [{ kind: 'ServiceAccount', name: 'api' }], 'shop');
    const rb2 = binding(
      'RoleBinding',
      'to-cluster-role',
      { kind: 'ClusterRole', name: 'pod-lister' },
      [{ kind: 'User', name: 'alice' }],
      'shop',
    );
    const crb = binding('ClusterRoleBinding', 'cluster-wide', { kind: 'ClusterRole', name: 'pod-lister' }, [
      { kind: 'Group', name: 'devs' },
      { kind: 'ServiceAccount', name: 'ci', namespace: 'ci' },
    ]);
    const idx = buildRbacIndex(inventory({ roles: [r], clusterRoles: [cr], roleBindings: [rb1, rb2], clusterRoleBindings: [crb] }));
    expect(
      idx.subjectBindings.map((sb) => [
        sb.key,
        sb.label,
        sb.binding.metadata.name,
        sb.subjectIndex,
        sb.roleKind,
        sb.role.metadata.name,
        sb.namespace,
      ]),
    ).toEqual([
      ['ServiceAccount/shop/api', 'shop/api', 'to-role', 0, 'Role', 'reader', 'shop'],
      ['User/alice', 'alice', 'to-cluster-role', 0, 'ClusterRole', 'pod-lister', 'shop'],
      ['Group/devs', 'devs', 'cluster-wide', 0, 'ClusterRole', 'pod-lister', undefined],
      ['ServiceAccount/ci/ci', 'ci/ci', 'cluster-wide', 1, 'ClusterRole', 'pod-lister', undefined],
    ]);
    expect(idx.bySubject.get('User/alice')?.map((sb) => sb.binding)).toEqual([rb2]);
    expect(idx.roleOf(rb1)).toBe(r);
    expect(idx.bindingsGranting(cr)).toEqual([rb2, crb]);
    expect(idx.dangling).toEqual([]);
  });

  it('ignores dangling roleRefs: missing roles, a Role of another namespace, a ClusterRoleBinding naming a Role', () => {
    const r = role('other', 'reader', [readSecrets]);
    const missing = binding('RoleBinding', 'missing', { kind: 'ClusterRole', name: 'gone' }, [{ kind: 'User', name: 'a' }], 'shop');
    const otherNs = binding('RoleBinding', 'other-ns', { kind: 'Role', name: 'reader' }, [{ kind: 'User', name: 'a' }], 'shop');
    const crbRole = binding('ClusterRoleBinding', 'crb-role', { kind: 'Role', name: 'reader' }, [{ kind: 'User', name: 'a' }]);
    const noRef = binding('ClusterRoleBinding', 'no-ref', undefined, [{ kind: 'User', name: 'a' }]);
    const idx = buildRbacIndex(inventory({ roles: [r], roleBindings: [missing, otherNs], clusterRoleBindings: [crbRole, noRef] }));
    expect(idx.subjectBindings).toEqual([]);
    expect(idx.dangling).toEqual([missing, otherNs, crbRole, noRef]);
  });

  it('unions the rules of aggregated ClusterRoles transitively, own rules first, without duplicates or cycles', () => {
    const leafA = clusterRole('leaf-a', [readSecrets], { labels: { agg: 'mid' } });
    const leafB = clusterRole('leaf-b', [listPods, readSecrets], { labels: { agg: 'top' } });
    const mid = clusterRole('mid', [], {
      labels: { agg: 'top' },
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { agg: 'mid' } }] },
    });
    const top = clusterRole('top', [listPods], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { agg: 'top' } }] } });
    // A cycle: each selects the other.
    const ping = clusterRole('ping', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }], {
      labels: { c: 'pong' },
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { c: 'ping' } }] },
    });
    const pong = clusterRole('pong', [{ apiGroups: [''], resources: ['services'], verbs: ['get'] }], {
      labels: { c: 'ping' },
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { c: 'pong' } }] },
    });
    // An empty selector takes every ClusterRole but itself.
    const all = clusterRole('all', undefined, { aggregationRule: { clusterRoleSelectors: [{}] } });
    const idx = buildRbacIndex(inventory({ clusterRoles: [top, mid, leafA, leafB, ping, pong, all] }));

    const rulesOfTop = idx.effectiveRules(top).map((e) => [e.source.metadata.name, e.index, e.rule]);
    expect(rulesOfTop).toEqual([
      ['top', 0, listPods],
      ['leaf-b', 1, readSecrets],
    ]);
    expect(idx.effectiveRules(mid).map((e) => e.source.metadata.name)).toEqual(['leaf-a']);
    expect(idx.effectiveRules(ping).map((e) => e.source.metadata.name)).toEqual(['ping', 'pong']);
    expect(idx.effectiveRules(pong).map((e) => e.source.metadata.name)).toEqual(['pong', 'ping']);
    expect(idx.effectiveRules(all).map((e) => e.source.metadata.name)).toEqual(['leaf-a', 'leaf-b', 'ping', 'pong']); // top's rule duplicates leaf-b's
    expect(
      idx
        .aggregatorsOf(leafA)
        .map((r) => r.metadata.name)
        .sort(),
    ).toEqual(['all', 'mid', 'top']);
    expect(idx.aggregatorsOf(top).map((r) => r.metadata.name)).toEqual(['all']);
  });

  it('gives bindings of an aggregating role to the roles it takes in', () => {
    const leaf = clusterRole('leaf', [readSecrets], { labels: { agg: 'yes' } });
    const agg = clusterRole('agg', [], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { agg: 'yes' } }] } });
    const b = binding('ClusterRoleBinding', 'b', { kind: 'ClusterRole', name: 'agg' }, [{ kind: 'User', name: 'u' }]);
    const idx = buildRbacIndex(inventory({ clusterRoles: [leaf, agg], clusterRoleBindings: [b] }));
    expect(idx.bindingsGranting(leaf)).toEqual([b]);
    expect(idx.subjectBindings[0]!.rules.map((e) => e.source)).toEqual([leaf]);
  });

  it('takes a ServiceAccount subject without namespace from a RoleBinding, and skips malformed subjects', () => {
    const cr = clusterRole('c', [listPods]);
    const rb = binding(
      'RoleBinding',
      'rb',
      { kind: 'ClusterRole', name: 'c' },
      [{ kind: 'ServiceAccount', name: 'sa' }, null, { kind: 'User' }],
      'shop',
    );
    const crb = binding('ClusterRoleBinding', 'crb', { kind: 'ClusterRole', name: 'c' }, [{ kind: 'ServiceAccount', name: 'sa' }]);
    const idx = buildRbacIndex(inventory({ clusterRoles: [cr], roleBindings: [rb], clusterRoleBindings: [crb] }));
    expect(idx.subjectBindings.map((sb) => sb.key)).toEqual(['ServiceAccount/shop/sa', 'ServiceAccount//sa']);
  });
});

describe('rbacIndex', () => {
  it('is built once per clusterRoleBindings array', () => {
    const inv = inventory({ clusterRoles: [clusterRole('c', [])] });
    const first = rbacIndex(inv);
    expect(rbacIndex(inv)).toBe(first);
    expect(rbacIndex({ ...inv })).toBe(first);
    expect(rbacIndex({ ...inv, clusterRoleBindings: [] })).not.toBe(first);
  });
});

describe('matchRules', () => {
  const cr = clusterRole('c', [
    { apiGroups: [''], resources: ['persistentvolumes', 'secrets'], verbs: ['create', 'get'] },
    { apiGroups: [''], resources: ['secrets'], resourceNames: ['one'], verbs: ['list'] },
    { apiGroups: [''], resources: ['secrets'], resourceNames: ['two'], verbs: ['watch'] },
  ]);
  const requests: AccessRequest[] = [
    { verb: 'create', group: '', resource: 'persistentvolumes', clusterScoped: true },
    { verb: 'get', group: '', resource: 'secrets' },
    { verb: 'list', group: '', resource: 'secrets' },
    { verb: 'watch', group: '', resource: 'secrets' },
  ];
  const idx = buildRbacIndex(
    inventory({
      clusterRoles: [cr],
      roleBindings: [binding('RoleBinding', 'rb', { kind: 'ClusterRole', name: 'c' }, [{ kind: 'User', name: 'u' }], 'shop')],
      clusterRoleBindings: [binding('ClusterRoleBinding', 'crb', { kind: 'ClusterRole', name: 'c' }, [{ kind: 'User', name: 'u' }])],
    }),
  );
  const [viaRoleBinding, viaClusterRoleBinding] = idx.subjectBindings;

  it('drops cluster-scoped requests through a RoleBinding', () => {
    expect(matchRules(viaRoleBinding!, requests).map((m) => m.requests.map((r) => `${r.verb} ${r.resource}`))).toEqual([
      ['get secrets'],
      ['list secrets'],
      ['watch secrets'],
    ]);
    expect(matchRules(viaClusterRoleBinding!, requests)[0]!.requests.map((r) => `${r.verb} ${r.resource}`)).toEqual([
      'create persistentvolumes',
      'get secrets',
    ]);
  });

  it('says which names a restricted rule grants on', () => {
    expect(matchRules(viaClusterRoleBinding!, requests).map((m) => m.restrictedTo)).toEqual([undefined, ['one'], ['two']]);
  });
});

describe('short forms', () => {
  it('qualifies resources the way kubectl describe does', () => {
    expect(qualifiedResource('secrets', '')).toBe('secrets');
    expect(qualifiedResource('deployments', 'apps')).toBe('deployments.apps');
    expect(qualifiedResource('certificatesigningrequests/approval', 'certificates.k8s.io')).toBe(
      'certificatesigningrequests.certificates.k8s.io/approval',
    );
    expect(qualifiedResource('*', '*')).toBe('*.*');
  });

  it('renders a whole rule, or only what grants the requests', () => {
    const rule = { apiGroups: ['', 'apps'], resources: ['pods', 'deployments'], resourceNames: ['x'], verbs: ['get', 'create', 'delete'] };
    expect(ruleShortForm(rule)).toBe('get,create,delete on pods,deployments,pods.apps,deployments.apps (resourceNames: x)');
    expect(ruleShortForm(rule, [{ verb: 'get', group: 'apps', resource: 'deployments' }])).toBe(
      'get on deployments.apps (resourceNames: x)',
    );
    expect(ruleShortForm({ nonResourceURLs: ['/metrics'], verbs: ['get'] })).toBe('get on /metrics');
    expect(ruleShortForm({ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, [getSecrets])).toBe('* on *.*');
  });

  it('describes granted access grouped by verbs', () => {
    expect(
      describeAccess([
        { verb: 'bind', group: 'rbac.authorization.k8s.io', resource: 'roles' },
        { verb: 'escalate', group: 'rbac.authorization.k8s.io', resource: 'roles' },
        { verb: 'bind', group: 'rbac.authorization.k8s.io', resource: 'clusterroles' },
        { verb: 'escalate', group: 'rbac.authorization.k8s.io', resource: 'clusterroles' },
        { verb: 'get', group: '', resource: 'nodes', subresource: 'proxy' },
      ]),
    ).toBe('bind/escalate roles, clusterroles; get nodes/proxy');
  });
});

describe('skip patterns', () => {
  it("matches Kind/name keys with '*' as any run of characters", () => {
    expect(globMatches('ServiceAccount/kube-system/*', 'ServiceAccount/kube-system/coredns')).toBe(true);
    expect(globMatches('ServiceAccount/kube-system/*', 'ServiceAccount/kube-systemx/coredns')).toBe(false);
    expect(globMatches('User/system:node:*', 'User/system:node:worker-1')).toBe(true);
    expect(globMatches('Group/system:masters', 'Group/system:masters')).toBe(true);
    expect(globMatches('Group/system:masters', 'User/system:masters')).toBe(false);
    expect(globMatches('User/a.b', 'User/aXb')).toBe(false);
  });

  it('uses the defaults plus extraSkipSubjects unless skipSubjects replaces them', () => {
    expect(skipPatterns({})).toEqual([...DEFAULT_SKIP_SUBJECTS]);
    expect(skipPatterns({ extraSkipSubjects: ['ServiceAccount/kaudit/kaudit'] })).toEqual([
      ...DEFAULT_SKIP_SUBJECTS,
      'ServiceAccount/kaudit/kaudit',
    ]);
    expect(skipPatterns({ skipSubjects: [], extraSkipSubjects: ['User/x'] })).toEqual(['User/x']);
  });
});

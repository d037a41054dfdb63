import { describe, expect, it } from '@jest/globals';
import {
  buildEscalationGraph,
  describeEvidence,
  escalationGraph,
  hopText,
  parseIdentity,
  pathJson,
  type Hop,
} from '../../checks/_shared/rbac-escalation.js';
import { identityOf, serviceAccountIdentity, type Identity } from '../../checks/_shared/rbac-identities.js';
import { demoInventory } from '../../src/demo/inventory.js';
import { inventoryFromManifests } from '../../src/offline/manifests.js';

const RBAC = 'apiVersion: rbac.authorization.k8s.io/v1';
/** A namespace `app` whose account admin-sa is bound to cluster-admin. */
const BASE = `
apiVersion: v1
kind: Namespace
metadata: {name: app}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: admin-sa, namespace: app}
---
${RBAC}
kind: ClusterRole
metadata: {name: cluster-admin}
rules:
- {apiGroups: ['*'], resources: ['*'], verbs: ['*']}
- {nonResourceURLs: ['*'], verbs: ['*']}
---
${RBAC}
kind: ClusterRoleBinding
metadata: {name: admin-sa-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
- {kind: ServiceAccount, name: admin-sa, namespace: app}
`;

/** A role with these rules bound to a subject, by a ClusterRoleBinding or a RoleBinding in `namespace`. */
function grant(name: string, subject: string, rules: string[], namespace?: string): string {
  const binding = namespace
    ? `kind: RoleBinding\nmetadata: {name: ${name}, namespace: ${namespace}}`
    : `kind: ClusterRoleBinding\nmetadata: {name: ${name}}`;
  return `---
${RBAC}
kind: ClusterRole
metadata: {name: ${name}}
rules:
${rules.map((r) => `- ${r}`).join('\n')}
---
${RBAC}
${binding}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${name}}
subjects:
- ${subject}
`;
}

const user = (name: string): string => `{apiGroup: rbac.authorization.k8s.io, kind: User, name: ${name}}`;
const graphOf = (yaml: string) => buildEscalationGraph(inventoryFromManifests([{ name: 'inline', text: BASE + yaml }]).inventory);

/** A path, hop by hop: who, which right, how the next identity is reached, and the bindings behind it. */
function hops(yaml: string, from: Identity): unknown[] | undefined {
  return graphOf(yaml)
    .pathFrom(from)
    ?.map((h: Hop) => ({
      from: h.from.key,
      ...(h.asMember ? { asMember: h.asMember } : {}),
      right: h.right,
      ...(h.then ? { then: h.then } : {}),
      to: typeof h.to === 'string' ? h.to : h.to.key,
      via: h.evidence.map(describeEvidence),
    }));
}

const dev = identityOf('User', 'dev')!;
const adminHop = {
  from: 'ServiceAccount/app/admin-sa',
  right: 'admin',
  to: 'cluster-admin',
  via: ['ClusterRoleBinding admin-sa-admin → ClusterRole cluster-admin: * on *.*'],
};
const runningAdminPod = `---
apiVersion: v1
kind: Pod
metadata: {name: worker, namespace: app}
spec:
  serviceAccountName: admin-sa
  containers: [{name: c, image: busybox}]
`;

describe('escalation paths, hop by hop', () => {
  it('a cluster-admin binding is one hop', () => {
    expect(hops('', serviceAccountIdentity('app', 'admin-sa'))).toEqual([adminHop]);
  });

  it('create workloads in a namespace → run a pod as any of its accounts', () => {
    expect(hops(grant('deployer', user('dev'), ['{apiGroups: [apps], resources: [deployments], verbs: [create]}'], 'app'), dev)).toEqual([
      {
        from: 'User/dev',
        right: 'run-pods',
        then: 'run a pod as it',
        to: 'ServiceAccount/app/admin-sa',
        via: ['RoleBinding app/deployer → ClusterRole deployer: create on deployments.apps'],
      },
      adminHop,
    ]);
  });

  it("a group's rights are its members': system:serviceaccounts:<ns> creating pods", () => {
    const yaml = grant(
      'ns-pods',
      '{apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:serviceaccounts:app"}',
      ["{apiGroups: [''], resources: [pods], verbs: [create]}"],
      'app',
    );
    expect(hops(yaml, serviceAccountIdentity('app', 'web'))).toBeUndefined(); // not a known account of app
    expect(
      hops(
        yaml + '---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: app}\n',
        serviceAccountIdentity('app', 'web'),
      ),
    ).toEqual([
      {
        from: 'ServiceAccount/app/web',
        asMember: 'system:serviceaccounts:app',
        right: 'run-pods',
        then: 'run a pod as it',
        to: 'ServiceAccount/app/admin-sa',
        via: ['RoleBinding app/ns-pods → ClusterRole ns-pods: create on pods'],
      },
      adminHop,
    ]);
  });

  it('serviceaccounts/token restricted by resourceNames reaches those accounts only', () => {
    const rule = (name: string) => `{apiGroups: [''], resources: [serviceaccounts/token], resourceNames: [${name}], verbs: [create]}`;
    expect(hops(grant('tokens', user('dev'), [rule('admin-sa')]), dev)).toEqual([
      {
        from: 'User/dev',
        right: 'tokens',
        to: 'ServiceAccount/app/admin-sa',
        via: ['ClusterRoleBinding tokens → ClusterRole tokens: create on serviceaccounts/token (resourceNames: admin-sa)'],
      },
      adminHop,
    ]);
    expect(hops(grant('tokens', user('dev'), [rule('other')]), dev)).toBeUndefined();
  });

  it('reading secrets → the legacy token Secret of an account', () => {
    const token = `---
apiVersion: v1
kind: Secret
metadata: {name: admin-sa-token, namespace: app, annotations: {kubernetes.io/service-account.name: admin-sa}}
type: kubernetes.io/service-account-token
`;
    const reader = grant('reader', user('dev'), ["{apiGroups: [''], resources: [secrets], verbs: [get]}"], 'app');
    expect(hops(reader + token, dev)).toEqual([
      {
        from: 'User/dev',
        right: 'secrets',
        then: 'read its token from Secret app/admin-sa-token',
        to: 'ServiceAccount/app/admin-sa',
        via: ['RoleBinding app/reader → ClusterRole reader: get on secrets'],
      },
      adminHop,
    ]);
    expect(hops(reader, dev)).toBeUndefined(); // no legacy token there
    // A live cluster's Secrets are read metadata-only: no `type`, the account annotation says it all.
    expect(
      (hops(reader + token.replace('type: kubernetes.io/service-account-token\n', ''), dev) as { then?: string }[] | undefined)?.[0]?.then,
    ).toBe('read its token from Secret app/admin-sa-token');
  });

  it('exec into a running pod whose token is mounted; none when it is not', () => {
    const exec = grant('exec', user('dev'), ["{apiGroups: [''], resources: [pods/exec], verbs: [create]}"], 'app');
    expect(hops(exec + runningAdminPod, dev)).toEqual([
      {
        from: 'User/dev',
        right: 'exec',
        then: 'exec into a pod of Pod app/worker',
        to: 'ServiceAccount/app/admin-sa',
        via: ['RoleBinding app/exec → ClusterRole exec: create on pods/exec'],
      },
      adminHop,
    ]);
    expect(
      hops(
        exec +
          runningAdminPod.replace('serviceAccountName: admin-sa', 'serviceAccountName: admin-sa\n  automountServiceAccountToken: false'),
        dev,
      ),
    ).toBeUndefined();
  });

  it('nodes/proxy through a ClusterRoleBinding reaches every running pod; through a RoleBinding nothing', () => {
    const rule = "{apiGroups: [''], resources: [nodes/proxy], verbs: [get]}";
    expect(hops(grant('kubelet', user('dev'), [rule]) + runningAdminPod, dev)).toEqual([
      {
        from: 'User/dev',
        right: 'nodes-proxy',
        then: 'exec into a pod of Pod app/worker',
        to: 'ServiceAccount/app/admin-sa',
        via: ['ClusterRoleBinding kubelet → ClusterRole kubelet: get on nodes/proxy'],
      },
      adminHop,
    ]);
    expect(hops(grant('kubelet', user('dev'), [rule], 'app') + runningAdminPod, dev)).toBeUndefined();
  });

  it('bind needs a binding to write: bind + create clusterrolebindings is one hop, bind alone none', () => {
    const bind = '{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind]}';
    const write = '{apiGroups: [rbac.authorization.k8s.io], resources: [clusterrolebindings], verbs: [create]}';
    expect(hops(grant('binder', user('dev'), [bind, write]), dev)).toEqual([
      {
        from: 'User/dev',
        right: 'bind',
        to: 'cluster-admin',
        via: [
          'ClusterRoleBinding binder → ClusterRole binder: bind on clusterroles.rbac.authorization.k8s.io',
          'ClusterRoleBinding binder → ClusterRole binder: create on clusterrolebindings.rbac.authorization.k8s.io',
        ],
      },
    ]);
    expect(hops(grant('binder', user('dev'), [bind]), dev)).toBeUndefined();
    // bind limited to other roles does not reach cluster-admin.
    expect(hops(grant('binder', user('dev'), [bind.replace('verbs', 'resourceNames: [view], verbs'), write]), dev)).toBeUndefined();
  });

  it('bind + create rolebindings in a namespace → everything in it → its accounts', () => {
    const yaml = grant(
      'ns-binder',
      user('dev'),
      [
        '{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind]}',
        '{apiGroups: [rbac.authorization.k8s.io], resources: [rolebindings], verbs: [create]}',
      ],
      'app',
    );
    expect(hops(yaml, dev)).toEqual([
      {
        from: 'User/dev',
        right: 'bind',
        then: 'run a pod as it',
        to: 'ServiceAccount/app/admin-sa',
        via: [
          'RoleBinding app/ns-binder → ClusterRole ns-binder: bind on clusterroles.rbac.authorization.k8s.io',
          'RoleBinding app/ns-binder → ClusterRole ns-binder: create on rolebindings.rbac.authorization.k8s.io',
        ],
      },
      adminHop,
    ]);
  });

  it('escalate + update on clusterroles through a ClusterRoleBinding is one hop; through a RoleBinding none', () => {
    const rules = ['{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [escalate, update]}'];
    expect(hops(grant('escalator', user('dev'), rules), dev)).toEqual([
      {
        from: 'User/dev',
        right: 'escalate',
        to: 'cluster-admin',
        via: [
          'ClusterRoleBinding escalator → ClusterRole escalator: escalate on clusterroles.rbac.authorization.k8s.io',
          'ClusterRoleBinding escalator → ClusterRole escalator: update on clusterroles.rbac.authorization.k8s.io',
        ],
      },
    ]);
    expect(hops(grant('escalator', user('dev'), rules, 'app'), dev)).toBeUndefined();
  });

  it('impersonation: groups → system:masters; users by name; service accounts of a namespace', () => {
    expect(hops(grant('imp', user('dev'), ["{apiGroups: [''], resources: [groups], verbs: [impersonate]}"]), dev)).toEqual([
      {
        from: 'User/dev',
        right: 'impersonate',
        to: 'cluster-admin',
        via: ['ClusterRoleBinding imp → ClusterRole imp: impersonate on groups'],
      },
    ]);
    const root = grant('root', user('root'), ["{apiGroups: ['*'], resources: ['*'], verbs: ['*']}"]);
    expect(
      hops(root + grant('imp', user('dev'), ["{apiGroups: [''], resources: [users], resourceNames: [root], verbs: [impersonate]}"]), dev),
    ).toEqual([
      {
        from: 'User/dev',
        right: 'impersonate',
        to: 'User/root',
        via: ['ClusterRoleBinding imp → ClusterRole imp: impersonate on users (resourceNames: root)'],
      },
      { from: 'User/root', right: 'admin', to: 'cluster-admin', via: ['ClusterRoleBinding root → ClusterRole root: * on *.*'] },
    ]);
    expect(hops(grant('imp', user('dev'), ["{apiGroups: [''], resources: [serviceaccounts], verbs: [impersonate]}"], 'app'), dev)).toEqual([
      {
        from: 'User/dev',
        right: 'impersonate',
        to: 'ServiceAccount/app/admin-sa',
        via: ['RoleBinding app/imp → ClusterRole imp: impersonate on serviceaccounts'],
      },
      adminHop,
    ]);
  });

  it('unrestricted impersonation reaches accounts and users through one shared node, not one edge per account', () => {
    // 3 namespaces of 40 accounts each, and two users: the right is one power of dev, the path still ends at the account.
    const many = ['ns1', 'ns2', 'ns3']
      .flatMap((ns) => [
        `---\napiVersion: v1\nkind: Namespace\nmetadata: {name: ${ns}}`,
        ...Array.from({ length: 40 }, (_, i) => `---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa-${i}, namespace: ${ns}}`),
      ])
      .join('\n');
    const root = grant('root', user('root'), ["{apiGroups: ['*'], resources: ['*'], verbs: ['*']}"]);
    const yaml = `${many}\n${root}${grant('imp', user('dev'), ["{apiGroups: [''], resources: [serviceaccounts], verbs: [impersonate]}"])}${grant('imp-users', user('dev2'), ["{apiGroups: [''], resources: [users], verbs: [impersonate]}"])}`;
    const graph = graphOf(yaml);
    expect(graph.powersOf(dev).map((p) => `${p.right} ${p.scope}`)).toEqual(['impersonate *']);
    expect(hops(yaml, dev)).toEqual([
      {
        from: 'User/dev',
        right: 'impersonate',
        to: 'ServiceAccount/app/admin-sa',
        via: ['ClusterRoleBinding imp → ClusterRole imp: impersonate on serviceaccounts'],
      },
      adminHop,
    ]);
    const dev2 = identityOf('User', 'dev2')!;
    expect(graph.powersOf(dev2).map((p) => `${p.right} ${p.scope}`)).toEqual(['impersonate *']);
    expect(hops(yaml, dev2)).toEqual([
      {
        from: 'User/dev2',
        right: 'impersonate',
        to: 'User/root',
        via: ['ClusterRoleBinding imp-users → ClusterRole imp-users: impersonate on users'],
      },
      { from: 'User/root', right: 'admin', to: 'cluster-admin', via: ['ClusterRoleBinding root → ClusterRole root: * on *.*'] },
    ]);
    // Restricted to names, each named account is its own edge (and a name in no namespace reaches nothing).
    const named = grant('imp', user('dev'), [
      "{apiGroups: [''], resources: [serviceaccounts], resourceNames: [admin-sa, sa-1], verbs: [impersonate]}",
    ]);
    expect(graphOf(`${many}\n${named}`).powersOf(dev).length).toBe(4);
  });

  it('the memoised graph follows every input it reads, not only pods and bindings', () => {
    const inv = inventoryFromManifests([
      { name: 'inline', text: BASE + grant('reader', user('dev'), ["{apiGroups: [''], resources: [secrets], verbs: [get]}"], 'app') },
    ]).inventory;
    expect(escalationGraph(inv).pathFrom(dev)).toBeUndefined();
    // A legacy token Secret of admin-sa appears (same pods, same bindings): dev can now read it.
    inv.secrets = [
      {
        apiVersion: 'v1',
        kind: 'Secret',
        type: 'kubernetes.io/service-account-token',
        metadata: { name: 'admin-sa-token', namespace: 'app', annotations: { 'kubernetes.io/service-account.name': 'admin-sa' } },
      },
    ];
    expect(escalationGraph(inv).pathFrom(dev)?.map(hopText)).toEqual([
      'User dev can read secrets in namespace app, read its token from Secret app/admin-sa-token → ServiceAccount app/admin-sa',
      'ServiceAccount app/admin-sa holds every verb on every resource cluster-wide → cluster-admin',
    ]);
  });

  it('CSR create + approval + the kube-apiserver-client signer is a certificate for system:masters; without the signer none', () => {
    const create = '{apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests], verbs: [create]}';
    const approve = '{apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/approval], verbs: [update]}';
    const signer =
      '{apiGroups: [certificates.k8s.io], resources: [signers], resourceNames: [kubernetes.io/kube-apiserver-client], verbs: [approve]}';
    expect(
      hops(grant('csr', user('dev'), [create, approve, signer]), dev)?.map(
        (h) => (h as { right: string; to: string }).right + ' → ' + (h as { to: string }).to,
      ),
    ).toEqual(['csr → cluster-admin']);
    expect(
      hops(grant('csr', user('dev'), [create, approve, signer.replace('kube-apiserver-client', 'kubelet-serving')]), dev),
    ).toBeUndefined();
  });

  it('writing mutating webhook configurations is one hop', () => {
    expect(
      hops(
        grant('hooks', user('dev'), [
          '{apiGroups: [admissionregistration.k8s.io], resources: [mutatingwebhookconfigurations], verbs: [patch]}',
        ]),
        dev,
      ),
    ).toEqual([
      {
        from: 'User/dev',
        right: 'webhook',
        to: 'cluster-admin',
        via: ['ClusterRoleBinding hooks → ClusterRole hooks: patch on mutatingwebhookconfigurations.admissionregistration.k8s.io'],
      },
    ]);
  });

  it('every verb on every resource through a RoleBinding is namespace power, not cluster-admin', () => {
    expect(hops(grant('ns-admin', user('dev'), ["{apiGroups: ['*'], resources: ['*'], verbs: ['*']}"], 'app'), dev)).toEqual([
      {
        from: 'User/dev',
        right: 'namespace-admin',
        then: 'run a pod as it',
        to: 'ServiceAccount/app/admin-sa',
        via: ['RoleBinding app/ns-admin → ClusterRole ns-admin: * on *.*'],
      },
      adminHop,
    ]);
  });

  it('takes the shortest of several paths', () => {
    const yaml =
      grant('deployer', user('dev'), ["{apiGroups: [''], resources: [pods], verbs: [create]}"], 'app') +
      grant('hooks', user('dev'), [
        '{apiGroups: [admissionregistration.k8s.io], resources: [mutatingwebhookconfigurations], verbs: [create]}',
      ]);
    expect(hops(yaml, dev)?.length).toBe(1);
  });

  it('the demo: prometheus reaches cluster-admin through nodes/proxy and the legacy app running as a cluster-admin account', () => {
    const graph = escalationGraph(demoInventory());
    const path = graph.pathFrom(serviceAccountIdentity('monitoring', 'prometheus'))!;
    expect(path.map(hopText)).toEqual([
      'ServiceAccount monitoring/prometheus can reach every kubelet API through nodes/proxy (exec into any pod on the node), exec into a pod of Deployment legacy/old-app → ServiceAccount legacy/default',
      'ServiceAccount legacy/default holds every verb on every resource cluster-wide → cluster-admin',
    ]);
    expect(pathJson(path)[0]!.via).toEqual([
      'ClusterRoleBinding prometheus-node-metrics → ClusterRole node-metrics-reader: get on nodes/proxy',
    ]);
    expect(graph.pathFrom(identityOf('Group', 'oidc:developers')!)).toBeUndefined();
  });

  it('parses subjects named on the command line', () => {
    expect(parseIdentity('ServiceAccount/ci/deployer')?.key).toBe('ServiceAccount/ci/deployer');
    expect(parseIdentity('User/system:serviceaccount:ci:deployer')?.key).toBe('ServiceAccount/ci/deployer');
    expect(parseIdentity('Group/oidc:platform-team')?.key).toBe('Group/oidc:platform-team');
    expect(parseIdentity('ci/deployer')).toBeUndefined();
    expect(parseIdentity('ServiceAccount/deployer')).toBeUndefined();
  });
});

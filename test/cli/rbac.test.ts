import { afterEach, describe, expect, it } from '@jest/globals';
import { demoClusterDir, demoInventory } from '../../src/demo/inventory.js';
import { cli, live, type Live } from '../support/live.js';

let env: Live | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const demo = ['--manifests', demoClusterDir()];
const subjects = (out: string) =>
  (JSON.parse(out) as { subjects: { kind: string; namespace?: string; name: string }[] }).subjects.map(
    (s) => `${s.kind}/${s.namespace ? `${s.namespace}/` : ''}${s.name}`,
  );

describe('kaudit who-can', () => {
  it('lists every subject allowed the request, with the binding, role and rule (JSON)', async () => {
    const run = await cli(['who-can', 'get', 'secrets', '-n', 'payments', ...demo, '-f', 'json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.out);
    expect(out.request).toEqual({ verb: 'get', resource: 'secrets', group: '', namespace: 'payments' });
    expect(subjects(run.out)).toEqual([
      'ServiceAccount/payments/reporter',
      'Group/system:masters',
      'User/system:kube-controller-manager',
      'Group/kubeadm:cluster-admins',
      'ServiceAccount/legacy/default',
      'ServiceAccount/ci/deployer',
    ]);
    expect(out.subjects[0].grants).toEqual([
      {
        binding: { kind: 'RoleBinding', namespace: 'payments', name: 'reporter-secrets' },
        subjectIndex: 0,
        role: { kind: 'Role', namespace: 'payments', name: 'reporter-secrets' },
        scope: 'namespace payments',
        rule: { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] },
      },
    ]);
    expect(run.err).toBe('kaudit: 6 subjects can get secrets in namespace payments\n');
  });

  it('prints a table; -o json is the same as -f json', async () => {
    const table = await cli(['who-can', 'get', 'nodes/proxy', ...demo], { isTTY: true });
    expect(table.code).toBe(0);
    // Each grant shows only the part of its rule that grants the request (cells wrap at the column width).
    expect(table.out).toMatch(
      /│ ServiceAccount monitoring\/prometheus\s+│ ClusterRoleBinding prometheus-node-metrics → ClusterRole node-metrics-reader: get on\s+│\n│\s+│ nodes\/proxy\s+│/,
    );
    expect(table.out).toMatch(
      /│ ServiceAccount ci\/deployer\s+│ ClusterRoleBinding ci-deployer → ClusterRole ci-deployer: \* on \*\.\*\s+│/,
    );
    expect(table.err).toBe('kaudit: 5 subjects can get nodes/proxy cluster-wide\n');
    const json = await cli(['who-can', 'get', 'nodes', '--subresource', 'proxy', ...demo, '-o', 'json']);
    expect(subjects(json.out)).toContain('ServiceAccount/monitoring/prometheus');
  });

  it('answers group-qualified resources, resourceNames and non-resource URLs', async () => {
    expect(subjects((await cli(['who-can', 'impersonate', 'groups', '--name', 'system:masters', ...demo, '-f', 'json'])).out)).toEqual([
      'Group/system:masters',
      'Group/kubeadm:cluster-admins',
      'ServiceAccount/legacy/default',
      'ServiceAccount/ci/deployer',
      'Group/oidc:platform-team',
    ]);
    expect(subjects((await cli(['who-can', 'escalate', 'clusterroles.rbac.authorization.k8s.io', ...demo, '-f', 'json'])).out)).toContain(
      'Group/oidc:platform-team',
    );
    expect(subjects((await cli(['who-can', 'get', '/metrics/cadvisor', ...demo, '-f', 'json'])).out)).toContain(
      'ServiceAccount/monitoring/prometheus',
    );
    // A RoleBinding grants nothing cluster-wide; -A shows it with its namespace.
    expect(subjects((await cli(['who-can', 'list', 'secrets', ...demo, '-f', 'json'])).out)).not.toContain(
      'ServiceAccount/payments/reporter',
    );
    expect(subjects((await cli(['who-can', 'list', 'secrets', '-A', ...demo, '-f', 'json'])).out)).toContain(
      'ServiceAccount/payments/reporter',
    );
  });

  it('reads a live cluster with GETs only', async () => {
    env = await live({ inventory: demoInventory() });
    const run = await cli(['who-can', 'get', 'secrets', '-n', 'payments', '--kubeconfig', env.kubeconfig, '-f', 'json']);
    expect(run.code).toBe(0);
    expect(subjects(run.out).sort()).toEqual(
      subjects((await cli(['who-can', 'get', 'secrets', '-n', 'payments', ...demo, '-f', 'json'])).out).sort(),
    );
    expect(env.server.requests.every((r) => r.method === 'GET')).toBe(true);
  });

  it('rejects bad requests with one line and exit 2', async () => {
    expect(await cli(['who-can', 'get', 'pods/exec/x', ...demo])).toEqual({
      code: 2,
      out: '',
      err: 'kaudit: who-can: "pods/exec/x" is not a resource (RESOURCE[.GROUP][/SUBRESOURCE], or a URL path starting with /)\n',
    });
    expect(await cli(['who-can', 'get', 'pods', '-n', 'a', '-n', 'b', ...demo])).toEqual({
      code: 2,
      out: '',
      err: 'kaudit: who-can: one --namespace at most (the namespace of the request)\n',
    });
    expect(await cli(['who-can', 'get', '/healthz', '-n', 'a', ...demo])).toEqual({
      code: 2,
      out: '',
      err: 'kaudit: who-can: /healthz is a non-resource URL: --namespace, --subresource, --name and --api-group do not apply\n',
    });
    expect((await cli(['who-can', 'get'])).code).toBe(2);
  });
});

describe('kaudit rbac paths', () => {
  it('prints the shortest path of each subject to cluster-admin, hop by hop (JSON)', async () => {
    const run = await cli(['rbac', 'paths', ...demo, '-f', 'json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.out) as {
      to: string;
      paths: { subject: { kind: string; namespace?: string; name: string }; steps: number; hops: unknown[] }[];
    };
    expect(
      out.paths.map((p) => `${p.subject.kind}/${p.subject.namespace ? `${p.subject.namespace}/` : ''}${p.subject.name} ${p.steps}`),
    ).toEqual([
      'Group/oidc:platform-team 1',
      'ServiceAccount/ci/deployer 1',
      'ServiceAccount/legacy/default 1',
      'ServiceAccount/monitoring/prometheus 2',
    ]);
    expect(out.paths[3]!.hops).toEqual([
      {
        from: { kind: 'ServiceAccount', namespace: 'monitoring', name: 'prometheus' },
        right: 'nodes-proxy',
        action: 'can reach every kubelet API through nodes/proxy (exec into any pod on the node)',
        then: 'exec into a pod of Deployment legacy/old-app',
        to: { kind: 'ServiceAccount', namespace: 'legacy', name: 'default' },
        via: ['ClusterRoleBinding prometheus-node-metrics → ClusterRole node-metrics-reader: get on nodes/proxy'],
      },
      {
        from: { kind: 'ServiceAccount', namespace: 'legacy', name: 'default' },
        right: 'admin',
        action: 'holds every verb on every resource cluster-wide',
        to: 'cluster-admin',
        via: ['ClusterRoleBinding legacy-default-admin → ClusterRole cluster-admin: * on *.*'],
      },
    ]);
    expect(run.err).toBe('kaudit: 4 subjects can reach cluster-admin (built-in system subjects not shown; --include-system shows them)\n');
  });

  it('--from one subject, as a table; --include-system adds the built-in ones', async () => {
    const run = await cli(['rbac', 'paths', '--from', 'ServiceAccount/monitoring/prometheus', ...demo], { isTTY: true });
    expect(run.code).toBe(0);
    expect(run.out).toContain('1. ServiceAccount monitoring/prometheus can reach every kubelet API through nodes/proxy');
    expect(run.out).toContain('via ClusterRoleBinding legacy-default-admin → ClusterRole cluster-admin: * on *.*');
    expect(run.err).toBe('kaudit: 1 subject can reach cluster-admin\n');
    const all = JSON.parse((await cli(['rbac', 'paths', '--include-system', ...demo, '-f', 'json'])).out) as {
      paths: { subject: { name: string } }[];
    };
    expect(all.paths.map((p) => p.subject.name)).toEqual(
      expect.arrayContaining(['system:masters', 'kubeadm:cluster-admins', 'system:kube-controller-manager']),
    );
  });

  it('rejects a subject it cannot read and a namespace filter with exit 2', async () => {
    expect(await cli(['rbac', 'paths', '--from', 'prometheus', ...demo])).toEqual({
      code: 2,
      out: '',
      err: 'kaudit: rbac paths: --from "prometheus" is not a subject (User/NAME, Group/NAME or ServiceAccount/NAMESPACE/NAME)\n',
    });
    expect(await cli(['rbac', 'paths', '-n', 'shop', ...demo])).toEqual({
      code: 2,
      out: '',
      err: 'kaudit: rbac paths: --namespace does not apply (a path crosses namespaces)\n',
    });
  });
});

describe('unread data', () => {
  it('says which reads failed and exits 1: the answer may miss subjects', async () => {
    env = await live({ inventory: demoInventory(), forbidden: [{ resource: 'rolebindings' }] });
    const run = await cli(['who-can', 'get', 'secrets', '-n', 'payments', '--kubeconfig', env.kubeconfig, '-f', 'json']);
    expect(run.code).toBe(1);
    // The collector falls back to one list per namespace; each refusal is named.
    const incomplete = JSON.parse(run.out).incomplete as string[];
    expect(incomplete).toHaveLength(10); // every namespace of the demo cluster
    expect(incomplete).toContain(
      'roleBindings in namespace payments: 403 Forbidden: rolebindings.rbac.authorization.k8s.io is forbidden: User "kaudit" cannot list resource "rolebindings" in API group "rbac.authorization.k8s.io" in the namespace "payments"',
    );
    expect(run.err.split('\n').filter((l) => l.startsWith('kaudit: incomplete answer: roleBindings in namespace '))).toHaveLength(10);
    expect(run.err).toMatch(/\nkaudit: 5 subjects can get secrets in namespace payments\n$/);
    expect(subjects(run.out)).not.toContain('ServiceAccount/payments/reporter');
  });
});

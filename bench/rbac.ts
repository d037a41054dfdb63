/**
 * What the RBAC model costs at scale: the synthetic cluster (default 150,000 pods) plus extra
 * bindings (default 5,000 RoleBindings, each to its own service account, a fifth of them allowed to
 * create pods in their namespace), then owner attribution, the index, the escalation graph, every subject's path, one
 * who-can query and each kaudit-rbac check, timed once each in this process.
 *
 *   npm run build && node dist/bench/rbac.js [--pods 150000] [--bindings 5000]
 */
import { performance } from 'node:perf_hooks';
import { CHECKS } from '../checks/index.js';
import { escalationGraph } from '../checks/_shared/rbac-escalation.js';
import { identityIndex } from '../checks/_shared/rbac-identities.js';
import { rbacIndex } from '../checks/_shared/rbac-index.js';
import { whoCan } from '../checks/_shared/rbac-who-can.js';
import { podSpecSubjects } from '../checks/_shared/workloads.js';
import { evaluateCheck } from '../src/engine/evaluate.js';
import { checkFlags, emit, intFlag, isMain, parseArgs, peakRssMiB, runMain } from './common.js';
import { syntheticInventory, DEFAULT_NODES, DEFAULT_SEED } from './synthetic.js';

const RBAC_CHECKS = [
  'rbac-anonymous-bindings',
  'rbac-pod-exec',
  'rbac-escalation-path',
  'rbac-workload-identity',
  'rbac-unused-powerful-sa',
  'rbac-dangling-binding',
];

async function main(): Promise<void> {
  const flags = parseArgs(process.argv.slice(2));
  checkFlags(flags, ['pods', 'bindings']);
  const pods = intFlag(flags, 'pods', 150_000);
  const extra = intFlag(flags, 'bindings', 5_000, 0);
  const inv = syntheticInventory({ pods, nodes: DEFAULT_NODES, seed: DEFAULT_SEED });
  const namespaces = inv.namespaces.map((n) => n.metadata.name);
  const rbac = 'rbac.authorization.k8s.io/v1';
  for (const ns of namespaces)
    inv.roles.push({
      apiVersion: rbac,
      kind: 'Role',
      metadata: { name: 'bench-deployer', namespace: ns },
      rules: [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['create', 'update'] }],
    });
  for (let i = 0; i < extra; i++) {
    const ns = namespaces[i % namespaces.length];
    inv.serviceAccounts.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: `bench-${i}`, namespace: ns } });
    inv.roleBindings.push({
      apiVersion: rbac,
      kind: 'RoleBinding',
      metadata: { name: `bench-${i}`, namespace: ns },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: i % 5 === 0 ? 'Role' : 'ClusterRole',
        name: i % 5 === 0 ? 'bench-deployer' : 'view',
      },
      subjects: [{ kind: 'ServiceAccount', name: `bench-${i}`, namespace: ns }],
    });
  }
  // CPU time (user + system) of this process: on a shared machine it is steadier than wall time.
  const cpuMs: Record<string, number> = {};
  const timed = <T>(fn: () => T, name?: string): [T, number] => {
    const t = performance.now();
    const c = process.cpuUsage();
    const v = fn();
    const used = process.cpuUsage(c);
    if (name) cpuMs[name] = Math.round((used.user + used.system) / 1000);
    return [v, Math.round(performance.now() - t)];
  };
  // Owner attribution is shared with every workload check: timed apart from the graph.
  const [, workloadsMs] = timed(() => podSpecSubjects(inv), 'workloads');
  const [idx, indexMs] = timed(() => rbacIndex(inv), 'index');
  const [graph, graphMs] = timed(() => escalationGraph(inv), 'graph');
  const [paths, pathsMs] = timed(() => identityIndex(idx).identities.filter((id) => graph.pathFrom(id)).length, 'allPaths');
  const [allowed, whoCanMs] = timed(
    () =>
      whoCan(inv, { verb: 'get', group: '', resource: 'secrets', namespace: namespaces[namespaces.length - 1] }, { allNamespaces: true })
        .length,
    'whoCan',
  );
  const checkMs: Record<string, number> = {};
  for (const id of RBAC_CHECKS)
    checkMs[id] = timed(
      () =>
        evaluateCheck(
          CHECKS.find((c) => c.meta.id === id)!,
          inv,
        ),
      id,
    )[1];
  emit({
    pods: inv.pods.length,
    serviceAccounts: inv.serviceAccounts.length,
    roleBindings: inv.roleBindings.length,
    clusterRoleBindings: inv.clusterRoleBindings.length,
    identities: graph.identities.length,
    subjectsWithPath: paths,
    whoCanSubjects: allowed,
    ms: { workloads: workloadsMs, index: indexMs, graph: graphMs, allPaths: pathsMs, whoCan: whoCanMs, checks: checkMs },
    cpuMs,
    peakRssMiB: peakRssMiB(),
  });
}

if (isMain(import.meta.url)) runMain(main);
